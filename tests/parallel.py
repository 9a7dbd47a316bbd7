"""What each pytest-xdist worker of `make test` keeps to itself.

`make test` runs the suite in one process per core (`pytest -n auto --dist
loadfile`: a test file stays in one process, with its module fixtures).
pytest-django already gives every process its own test database
(test_<name>_gw0, test_<name>_gw1, ...). This gives each its own Redis
database for the Celery broker, since a worker test purges its queues and must
not drop the tasks of a test running beside it, and its own MEDIA_ROOT, since
some tests count the files there. A plain `pytest` (no -n) changes nothing.
"""

from __future__ import annotations

import atexit
import os
import shutil
import tempfile
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

WORKER = os.environ.get("PYTEST_XDIST_WORKER", "")  # "gw0", "gw1", ... or ""
REDIS_DATABASES = 16  # Redis's default `databases`


def broker_url(url: str, worker: str = WORKER) -> str:
    """The broker URL with a Redis database of this worker's own: the base
    database plus one plus the worker's number (gw0 of redis://h:6379/0 gets
    /1), so no two workers, and no worker and a plain run, share one."""
    if not worker or not url.startswith("redis://"):
        return url
    parts = urlsplit(url)
    base = int(parts.path.strip("/") or 0)
    number = int(worker.removeprefix("gw"))
    database = (base + 1 + number) % REDIS_DATABASES
    return urlunsplit(parts._replace(path=f"/{database}"))


def separate(settings, celery_app) -> None:
    """Point this process's broker and media at its own (before any task is sent)."""
    if not WORKER:
        return
    url = broker_url(settings.CELERY_BROKER_URL)
    settings.CELERY_BROKER_URL = url
    celery_app.conf.broker_url = url
    celery_app.conf.broker_write_url = url
    celery_app.conf.broker_read_url = url
    media = Path(tempfile.mkdtemp(prefix=f"samarbeidssjekk-media-{WORKER}-"))
    settings.MEDIA_ROOT = media
    # and for the processes tests start (gunicorn, Celery workers, manage.py)
    if os.environ.get("CELERY_BROKER_URL"):
        os.environ["CELERY_BROKER_URL"] = url
    os.environ["MEDIA_ROOT"] = str(media)
    atexit.register(shutil.rmtree, media, ignore_errors=True)


def plain_environment(environ: dict[str, str]) -> dict[str, str]:
    """An environment for a pytest started from a test: without xdist's worker
    variables, so it runs as one plain process."""
    return {k: v for k, v in environ.items() if not k.startswith("PYTEST_XDIST_")}
