"""A real Celery worker process for service-backed tests.

Use the `celery_worker_process` fixture (import it into a test module or a
conftest.py): it needs PostgreSQL and Redis (skips without them unless
REQUIRE_SERVICES=1), starts `celery -A config worker -Q celery,reports --pool solo`
against the *test* database and the configured Redis, switches eager tasks off,
and yields a WorkerProcess. Data the test creates is committed (transactional_db),
so the worker sees it; tasks enqueued with delay_on_commit go through Redis.

The worker writes e-mail as files into `worker.mail_dir` and shares the test's
MEDIA_ROOT (set `settings.MEDIA_ROOT` before requesting the fixture to change it).
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from urllib.parse import quote

import pytest
from django.conf import settings
from django.db import connection

from config.celery import app
from tests.services import need_postgres, need_redis

ROOT = Path(__file__).resolve().parent.parent
QUEUES = ("celery", "reports")


class WorkerProcess:
    def __init__(self, process: subprocess.Popen, log: Path, mail_dir: Path) -> None:
        self.process = process
        self.log = log
        self.mail_dir = mail_dir

    def log_text(self) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace")

    def wait_for(
        self, condition: Callable[[], object], timeout: float = 30, what: str = ""
    ) -> None:
        """Poll until condition() is true; fail with the worker's log otherwise."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if condition():
                return
            if self.process.poll() is not None:
                pytest.fail(f"the Celery worker exited:\n{self.log_text()[-4000:]}")
            time.sleep(0.2)
        pytest.fail(
            f"timed out waiting for {what or 'the worker'}:\n{self.log_text()[-4000:]}"
        )

    def succeeded(self) -> int:
        """How many tasks the worker has finished successfully so far."""
        return self.log_text().count(" succeeded in ")


def test_database_url() -> str:
    db = connection.settings_dict
    user = quote(db.get("USER") or "", safe="")
    password = quote(db.get("PASSWORD") or "", safe="")
    credentials = f"{user}:{password}@" if password else (f"{user}@" if user else "")
    host = db.get("HOST") or "127.0.0.1"
    port = f":{db['PORT']}" if db.get("PORT") else ""
    return f"postgres://{credentials}{host}{port}/{db['NAME']}"


test_database_url.__test__ = False  # type: ignore[attr-defined]  # not a test: its name says what


def purge_queues() -> None:
    with app.connection_for_write() as conn:
        channel = conn.default_channel
        for queue in QUEUES:
            channel.queue_purge(queue)


@pytest.fixture
def celery_worker_process(transactional_db, tmp_path):
    need_postgres()
    need_redis()
    mail_dir = tmp_path / "mail"
    mail_dir.mkdir()
    log = tmp_path / "worker.log"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "DATABASE_URL": test_database_url(),
        "CELERY_BROKER_URL": settings.CELERY_BROKER_URL,
        "EMAIL_URL": f"filemail:///{mail_dir}",
        "MEDIA_ROOT": str(settings.MEDIA_ROOT),
        "CONN_MAX_AGE": "0",
    }
    previous = app.conf.task_always_eager
    app.conf.task_always_eager = False
    purge_queues()
    with open(log, "w", encoding="utf-8") as output:
        process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "celery",
                "-A",
                "config",
                "worker",
                "-Q",
                ",".join(QUEUES),
                "--pool",
                "solo",
                "--loglevel",
                "INFO",
                "--without-gossip",
                "--without-mingle",
                "--without-heartbeat",
                "-n",
                f"test-{os.getpid()}@%h",
            ],
            cwd=ROOT,
            env=env,
            stdout=output,
            stderr=subprocess.STDOUT,
        )
    worker = WorkerProcess(process, log, mail_dir)
    try:
        worker.wait_for(lambda: " ready." in worker.log_text(), 60, "worker start")
        yield worker
    finally:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=5)
        purge_queues()
        app.conf.task_always_eager = previous
