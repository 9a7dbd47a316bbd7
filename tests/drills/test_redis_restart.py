"""Drill: Redis stops and comes back while reports and e-mails are queued.

The drill runs its own Redis on port 6390 (never the shared one), with the
append-only file on as in docker-compose.yml, so queued tasks survive the
restart. While Redis is away, a user who asks for a report is told so clearly
(no 500) and can retry; once it is back, a real worker drains the queue and
every report and e-mail comes out exactly once.

A Redis without persistence loses what was queued: the report's message is
gone, and the watchdog (beat, every minute) must send it again.
"""

from __future__ import annotations

import shutil
import socket
import subprocess
import time

import pytest

from config.celery import app as celery_app
from screening import tasks
from screening.models import Report, Transition
from screening.services import screenings as screening_services
from tests import factories
from tests.drills.support import start_worker
from tests.screening.flow_answers import answer_everything
from tests.services import need, need_postgres

pytestmark = pytest.mark.services
PORT = 6390
URL = f"redis://127.0.0.1:{PORT}/0"


class DrillRedis:
    def __init__(self, directory) -> None:
        self.directory = directory

    def start(self, *, persistent: bool = True) -> None:
        keep = ("--appendonly", "yes", "--appendfsync", "always")
        subprocess.run(
            [
                *("redis-server", "--port", str(PORT), "--bind", "127.0.0.1"),
                *("--save", "", *(keep if persistent else ("--appendonly", "no"))),
                *("--dir", str(self.directory), "--daemonize", "yes"),
            ],
            check=True,
            capture_output=True,
        )
        self._cli("ping", attempts=50)

    def stop(self) -> None:
        """Shut down and wait until the port refuses connections."""
        self._cli("shutdown")
        for _ in range(100):
            try:
                socket.create_connection(("127.0.0.1", PORT), timeout=0.2).close()
            except OSError:
                break
            time.sleep(0.05)
        else:
            raise AssertionError("the drill's Redis did not stop")
        _reset_broker_pools()  # the next publish must find the broker gone

    def queued(self, queue: str) -> int:
        done = subprocess.run(
            ["redis-cli", "-p", str(PORT), "llen", queue],
            capture_output=True,
            check=True,
        )
        return int(done.stdout)

    def _cli(self, *command: str, attempts: int = 1) -> None:
        for _ in range(attempts):
            done = subprocess.run(
                ["redis-cli", "-p", str(PORT), *command],
                capture_output=True,
                check=False,
            )
            if done.returncode == 0 and b"Could not connect" not in done.stdout:
                return
            subprocess.run(["sleep", "0.1"], check=False)


def _reset_broker_pools() -> None:
    """Drop pooled broker connections, so the next publish connects afresh."""
    celery_app._pool = None
    celery_app.amqp._producer_pool = None


@pytest.fixture
def drill_redis(transactional_db, settings, tmp_path, monkeypatch):
    need_postgres()
    need(
        bool(shutil.which("redis-server"))
        and settings.CELERY_BROKER_URL.startswith("redis://"),
        "Redis (redis-server and CELERY_BROKER_URL=redis://...)",
    )
    settings.MEDIA_ROOT = tmp_path / "media"
    previous = celery_app.conf.broker_url, celery_app.conf.task_always_eager
    write_url = celery_app.conf.get("broker_write_url")
    redis = DrillRedis(tmp_path)
    redis.start()
    settings.CELERY_BROKER_URL = celery_app.conf.broker_url = URL
    celery_app.conf.broker_write_url = URL  # publishes go here, whatever ran before
    monkeypatch.setenv("CELERY_BROKER_URL", URL)  # Celery reads the variable first
    celery_app.conf.task_always_eager = False
    _reset_broker_pools()
    yield redis
    subprocess.run(["redis-cli", "-p", str(PORT), "shutdown", "nosave"], check=False)
    celery_app.conf.broker_url, celery_app.conf.task_always_eager = previous
    celery_app.conf.broker_write_url = write_url
    _reset_broker_pools()


def test_reports_and_emails_queued_across_a_redis_restart_arrive_once(
    drill_redis, client, tmp_path
):
    contact = factories.contact_point(email="kontakt@example.no")
    owner = factories.researcher()
    screening = factories.ScreeningFactory(owner=owner)
    screening.answers = answer_everything(screening)
    screening.save()
    client.force_login(contact)

    # Queued while Redis is up and no worker runs: one report, one e-mail.
    client.post(f"/screenings/{screening.pk}/report/")
    screening_services.submit_screening(screening, by=owner)
    queued = Report.objects.get()
    assert queued.status == Report.Status.QUEUED

    drill_redis.stop()
    page = client.post("/reports/summary/", {}, follow=True)
    assert page.status_code == 200  # never a 500 while the broker is away
    away = Report.objects.exclude(pk=queued.pk).get()
    assert away.status == Report.Status.FAILED
    assert "could not be reached" in away.error or "kunne ikke nås" in away.error
    assert away.error in page.content.decode()

    drill_redis.start()
    _reset_broker_pools()
    worker = start_worker(URL, tmp_path)
    try:
        worker.wait_for(
            lambda: Report.objects.filter(status=Report.Status.READY).count() == 1,
            120,
            "the report queued before the restart",
        )
        client.post(f"/reports/{away.pk}/retry/")
        worker.wait_for(
            lambda: Report.objects.filter(status=Report.Status.READY).count() == 2,
            120,
            "the retried report",
        )
        worker.wait_for(
            lambda: not Transition.objects.filter(notified_at=None).exists(),
            60,
            "the e-mail queued before the restart",
        )
    finally:
        worker.stop()

    reports = list(Report.objects.all())
    assert [r.attempts for r in reports] == [1, 1]  # nothing rendered twice
    assert len(list((tmp_path / "media" / "reports").iterdir())) == 2
    mails = [p.read_text(errors="replace") for p in worker.mail_dir.iterdir()]
    to_contact = [m for m in mails if "kontakt@example.no" in m]
    assert len(to_contact) == Transition.objects.count() == 1  # sent once, not lost


def test_a_report_queued_before_redis_lost_its_data_is_sent_again_and_made(
    drill_redis, client, tmp_path, monkeypatch
):
    client.force_login(factories.leader())
    client.post("/reports/summary/", {})
    report = Report.objects.get()
    assert report.status == Report.Status.QUEUED
    assert drill_redis.queued("reports") == 1

    drill_redis.stop()
    drill_redis.start(persistent=False)  # as a Redis without appendonly
    _reset_broker_pools()
    assert drill_redis.queued("reports") == 0  # the message is gone

    monkeypatch.setenv("REPORT_STUCK_AFTER", "1")  # the worker's watchdog limit
    worker = start_worker(URL, tmp_path)
    try:
        time.sleep(1.5)  # the report has now waited past the limit
        tasks.rescue_stuck_reports.delay()  # as beat sends it every minute
        worker.wait_for(
            lambda: Report.objects.filter(status=Report.Status.READY).exists(),
            120,
            "the report the watchdog sent again",
        )
    finally:
        worker.stop()
    report.refresh_from_db()
    assert (report.requeues, report.attempts) == (1, 1)
    assert (tmp_path / "media" / report.file_name).exists()
