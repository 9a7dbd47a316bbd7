"""Reports rendered by a real Celery worker process against Redis and PostgreSQL."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth.models import Group
from django.db import connection

from agreements import roles
from config.celery import app as celery_app
from screening.models import Report
from tests import factories
from tests.screening.reports_support import pdf_text, scored_screening
from tests.services import need_postgres, need_redis

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def worker(transactional_db, settings, tmp_path):
    """start() runs a worker on the reports queue against the test database."""
    need_postgres()
    need_redis()
    settings.MEDIA_ROOT = tmp_path / "media"
    for name in roles.ALL:  # transactional tests flush the groups the migration made
        Group.objects.get_or_create(name=name)
    db = connection.settings_dict
    env = {
        **os.environ,
        "DEBUG": "1",
        "DATABASE_URL": (
            f"postgres://{db['USER']}:{db['PASSWORD'] or ''}@{db['HOST']}:"
            f"{db['PORT'] or 5432}/{db['NAME']}"
        ),
        "CELERY_BROKER_URL": settings.CELERY_BROKER_URL,
        "CELERY_VISIBILITY_TIMEOUT": "2",
        "MEDIA_ROOT": str(settings.MEDIA_ROOT),
        "LOG_LEVEL": os.environ.get("WORKER_LOG_LEVEL", "WARNING"),
    }
    celery_app.control.purge()
    previous = celery_app.conf.task_always_eager
    celery_app.conf.task_always_eager = False
    started: list[subprocess.Popen] = []

    def start() -> subprocess.Popen:
        command = [sys.executable, "-m", "celery", "-A", "config", "worker"]
        command += ["-Q", "reports", "--pool", "solo", "--without-heartbeat"]
        command += ["--without-gossip", "--without-mingle", "--loglevel"]
        command += [os.environ.get("WORKER_LOG_LEVEL", "WARNING")]
        process = subprocess.Popen(
            command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=sys.stderr
        )
        started.append(process)
        return process

    yield start
    celery_app.conf.task_always_eager = previous
    for process in started:
        if process.poll() is None:
            process.send_signal(signal.SIGTERM)
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()


def _wait_for(predicate, timeout: float = 60, step: float = 0.05):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(step)
    raise AssertionError("timed out")


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("nb", ["Høy", "Partneren har indirekte militære bånd", "Side 1 av"]),
        ("en", ["High", "The partner has indirect military links", "Page 1 of"]),
    ],
)
def test_a_worker_renders_a_screening_report_requested_on_the_web(
    worker, client, tmp_path, language, expected
):
    worker()
    screening = scored_screening()
    leader = factories.leader(language=language)
    client.force_login(leader)
    response = client.post(f"/screenings/{screening.pk}/report/")
    report = Report.objects.get()
    assert response["Location"] == f"/reports/{report.pk}/"
    ready = "Last ned PDF" if language == "nb" else "Download PDF"
    _wait_for(
        lambda: ready in client.get(f"/reports/{report.pk}/status/").content.decode(),
        step=0.5,
    )
    download = client.get(f"/reports/{report.pk}/download/")
    text = pdf_text(b"".join(download.streaming_content), tmp_path)
    assert screening.title in text
    assert "V-Dem v14" in text
    for snippet in expected:
        assert snippet in text


def test_killing_the_worker_mid_render_still_ends_with_one_ready_report(
    worker, client_for
):
    first = worker()
    screening = scored_screening()
    client = client_for(factories.leader())
    client.post(f"/screenings/{screening.pk}/report/")
    report = Report.objects.get()
    _wait_for(
        lambda: Report.objects.filter(
            pk=report.pk, status=Report.Status.RENDERING
        ).exists(),
        step=0.01,
        timeout=20,
    )
    first.send_signal(signal.SIGKILL)
    first.wait(timeout=10)
    report.refresh_from_db()
    assert report.status == Report.Status.RENDERING, "the render finished too soon"

    time.sleep(2.5)  # past the visibility timeout: Redis hands the task on
    worker()
    _wait_for(
        lambda: Report.objects.filter(
            pk=report.pk, status=Report.Status.READY
        ).exists(),
        step=0.2,
    )
    report.refresh_from_db()
    assert report.attempts == 2
    assert Report.objects.count() == 1
    assert (Path(settings.MEDIA_ROOT) / report.file_name).exists()
