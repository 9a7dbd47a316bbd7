from __future__ import annotations

import os

import pytest
from celery._state import _set_task_join_will_block
from django.conf import settings
from django.utils import translation
from hypothesis import settings as hypothesis_settings

from config.celery import app as celery_app
from tests import factories, parallel

# Under `pytest -n`, this process's own Redis database and media (tests/parallel.py).
parallel.separate(settings, celery_app)


def _commit_without_waiting() -> None:
    """PostgreSQL answers a test's COMMIT before its WAL reaches the disk
    (synchronous_commit=off, for the test processes' connections only): a
    crash of the server could lose the last commits to a test database,
    nothing more. The transactional tests (browser, drills, workers) commit
    thousands of times, and each waited on the disk."""
    db = settings.DATABASES["default"]
    if "postgresql" in db["ENGINE"]:
        options = db.setdefault("OPTIONS", {})
        options["options"] = f"{options.get('options', '')} -c synchronous_commit=off"


_commit_without_waiting()

# CI (CI=true) explores the same examples on every run, so a red build can be
# reproduced locally; elsewhere hypothesis keeps exploring new inputs.
hypothesis_settings.register_profile("ci", derandomize=True, deadline=None)
hypothesis_settings.register_profile("dev", deadline=None)
hypothesis_settings.load_profile("ci" if os.environ.get("CI") else "dev")


# Under xdist (`--dist loadfile`) a file is the unit of work, handed out in
# collection order. These take a minute or more each (Chromium, Celery workers,
# a clean install): first, so the processes end on short files together
# instead of one waiting on the other's browser test.
LONG_FIRST = (
    "tests/browser/",
    "tests/drills/",
    "tests/config/test_install.py",
    "tests/config/test_sqlite_probes.py",
    "tests/screening/test_reports_worker.py",
    "tests/screening/test_match_rescore_worker.py",
)


@pytest.hookimpl(trylast=True)  # after pytest-django's order by kind of test case
def pytest_collection_modifyitems(config, items):
    if parallel.WORKER:
        items.sort(key=lambda item: not item.nodeid.startswith(LONG_FIRST))


def _head_start_jobs() -> dict:
    from tests.config import test_install, test_sqlite_probes

    jobs = {test_sqlite_probes.NAME: test_sqlite_probes.run_probes}
    if test_install.wanted():
        jobs[test_install.NAME] = test_install.clean_install
    return jobs


def pytest_configure(config):
    """Under xdist, the controlling process starts the checks that wait on a
    subprocess before it starts the test processes (tests/head_start.py), when
    the whole suite runs."""
    from tests import head_start

    whole_suite = not config.args or config.args == ["tests"]
    controller = getattr(config.option, "numprocesses", None) and not hasattr(
        config, "workerinput"
    )
    if controller and whole_suite and not config.option.collectonly:
        head_start.start_shared(_head_start_jobs(), config.add_cleanup)


def pytest_collection_finish(session):
    """In one process, start the checks that wait on a subprocess now, beside
    the rest of the suite, instead of in their turn (tests/head_start.py)."""
    from tests import head_start

    if session.config.option.collectonly or parallel.WORKER:
        return  # under xdist the controlling process started them
    jobs = _head_start_jobs()
    for name in {item.name for item in session.items} & set(jobs):
        head_start.start(name, jobs[name], session.config.add_cleanup)


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _default_language():
    """Each test starts in the default language (bokmål), as a new process does.

    LocaleMiddleware activates a request's language in the thread and nothing
    puts it back, so a test whose last request was in English left every later
    test in that process speaking English outside a request (a model's
    full_clean(), a task).
    """
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.deactivate()


@pytest.fixture(autouse=True)
def _empty_cache():
    """Each test starts with no cached fragments and no fragment version."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture(autouse=True)
def _eager_celery():
    """Tasks run inline in tests; the worker tests switch this off themselves.

    Celery marks "inside a task" with one process-wide flag, set and restored
    around each eager task. An eager task in a live server's thread that
    overlaps one in the test's thread can restore it to "inside" for good, and
    every later `.get()` in that process then raises; each test starts outside.
    """
    _set_task_join_will_block(False)
    previous = celery_app.conf.task_always_eager, celery_app.conf.task_eager_propagates
    celery_app.conf.task_always_eager = True
    celery_app.conf.task_eager_propagates = True
    yield
    celery_app.conf.task_always_eager, celery_app.conf.task_eager_propagates = previous


@pytest.fixture
def researcher(db):
    return factories.researcher()


@pytest.fixture
def contact_point(db):
    return factories.contact_point()


@pytest.fixture
def export_officer(db):
    return factories.export_officer()


@pytest.fixture
def leader(db):
    return factories.leader()


@pytest.fixture
def client_for(client):
    """client_for(user) returns the test client logged in as that user."""

    def login(user):
        client.force_login(user)
        return client

    return login
