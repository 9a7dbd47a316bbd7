"""Reports rendered by a real Celery worker process against Redis and PostgreSQL.

The workers run as in production: DEBUG off, and the static files collected
with the manifest storage, so the report asks for hashed file names.
"""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth.models import Group

from agreements import roles
from config.celery import app as celery_app
from screening.models import Report
from screening.reports import services
from tests import factories
from tests import worker as harness
from tests.screening.reports_support import pdf_text, scored_screening
from tests.static_production import collected_static, production_static_env  # noqa: F401
from tests.worker import celery_worker_process  # noqa: F401 (the harness fixture)


@pytest.fixture(autouse=True)
def _setup(settings, tmp_path, monkeypatch, request):
    settings.MEDIA_ROOT = tmp_path / "media"
    request.getfixturevalue("production_static_env")  # before any worker starts
    # A task whose worker died goes back to the queue after 2 s (not an hour).
    monkeypatch.setenv("CELERY_VISIBILITY_TIMEOUT", "2")


@pytest.fixture
def report_worker(transactional_db, request):
    """The harness's worker, after restoring the role groups that transactional
    tests flush with every other table."""
    for name in roles.ALL:
        Group.objects.get_or_create(name=name)
    return request.getfixturevalue("celery_worker_process")


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("nb", ["Høy", "Partneren har indirekte militære bånd", "Side 1 av"]),
        ("en", ["High", "The partner has indirect military links", "Page 1 of"]),
    ],
)
def test_a_worker_renders_a_screening_report_requested_on_the_web(
    report_worker,
    client,
    tmp_path,
    language,
    expected,
):
    screening = scored_screening()
    client.force_login(factories.leader(language=language))
    response = client.post(f"/screenings/{screening.pk}/report/")
    report = Report.objects.get()
    assert response["Location"] == f"/reports/{report.pk}/"
    ready = "Last ned PDF" if language == "nb" else "Download PDF"
    report_worker.wait_for(
        lambda: ready in client.get(f"/reports/{report.pk}/status/").content.decode(),
        60,
        f"the report ({Report.objects.values_list('status', 'error').first()})",
    )
    download = client.get(f"/reports/{report.pk}/download/")
    text = pdf_text(b"".join(download.streaming_content), tmp_path)
    assert screening.title in text
    assert "V-Dem v14" in text
    for snippet in expected:
        assert snippet in text
    # The worker ran as production does: the stylesheet by its hashed name.
    assert re.search(r"static/css/pdf\.[0-9a-f]{12}\.css", report_worker.log_text())


def test_killing_the_worker_mid_render_still_ends_with_one_ready_report(
    report_worker,
    client_for,
    tmp_path,
):
    screening = scored_screening()
    client_for(factories.leader()).post(f"/screenings/{screening.pk}/report/")
    report = Report.objects.get()
    rendering = Report.objects.filter(pk=report.pk, status=Report.Status.RENDERING)
    _poll(rendering.exists)
    report_worker.process.send_signal(signal.SIGKILL)
    report_worker.process.wait(timeout=10)
    report.refresh_from_db()
    assert report.status == Report.Status.RENDERING, "the render finished too soon"

    time.sleep(2.5)  # past the visibility timeout: a new worker restores the task
    replacement = _start_worker(tmp_path / "second.log")
    try:
        ready = Report.objects.filter(pk=report.pk, status=Report.Status.READY)
        _poll(ready.exists, timeout=60)
    finally:
        replacement.terminate()
        replacement.wait(timeout=15)
    report.refresh_from_db()
    assert report.attempts == 2
    assert Report.objects.count() == 1
    assert (Path(settings.MEDIA_ROOT) / report.file_name).exists()


def test_a_killed_workers_report_is_made_again_without_waiting_for_redis(
    report_worker, client_for, tmp_path, monkeypatch, settings
):
    """With a long visibility timeout Redis keeps the killed worker's message
    to itself; the watchdog sends the report again once it is stuck."""
    screening = scored_screening()
    client_for(factories.leader()).post(f"/screenings/{screening.pk}/report/")
    report = Report.objects.get()
    rendering = Report.objects.filter(pk=report.pk, status=Report.Status.RENDERING)
    _poll(rendering.exists)
    report_worker.process.send_signal(signal.SIGKILL)
    report_worker.process.wait(timeout=10)

    monkeypatch.setenv("CELERY_VISIBILITY_TIMEOUT", "3600")
    replacement = _start_worker(tmp_path / "second.log")
    try:
        settings.REPORT_STUCK_AFTER = 1
        time.sleep(1.5)  # the render has been going on past the limit
        assert [r.pk for r in services.rescue_stuck_reports()] == [report.pk]
        ready = Report.objects.filter(pk=report.pk, status=Report.Status.READY)
        _poll(ready.exists, timeout=60)
    finally:
        replacement.terminate()
        replacement.wait(timeout=15)
        _forget_unacknowledged()
    report.refresh_from_db()
    assert (report.attempts, report.requeues) == (2, 1)
    assert (Path(settings.MEDIA_ROOT) / report.file_name).exists()


def _forget_unacknowledged() -> None:
    """The killed worker's message would come back in an hour, in a later test."""
    with celery_app.connection_for_write() as conn:
        conn.default_channel.client.delete("unacked", "unacked_index")


def _poll(condition, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.01)


def _start_worker(log: Path) -> subprocess.Popen:
    """A second worker, as after a crash; it takes over the unacknowledged task."""
    env = {
        **os.environ,
        "DATABASE_URL": harness.test_database_url(),
        "CELERY_BROKER_URL": settings.CELERY_BROKER_URL,
        "MEDIA_ROOT": str(settings.MEDIA_ROOT),
        "CONN_MAX_AGE": "0",
    }
    command = [sys.executable, "-m", "celery", "-A", "config", "worker"]
    command += ["-Q", "reports", "--pool", "solo", "--without-gossip"]
    command += ["--without-mingle", "--without-heartbeat", "-n", "second@%h"]
    with open(log, "w", encoding="utf-8") as output:
        return subprocess.Popen(
            command, cwd=harness.ROOT, env=env, stdout=output, stderr=subprocess.STDOUT
        )
