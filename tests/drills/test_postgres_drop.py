"""Drill: the app's PostgreSQL connection is killed between two questionnaire saves,
and a report worker's connection is killed after it wrote the PDF.

The server (gunicorn with the production connection settings: persistent
connections with health checks) loses its connection when the
database terminates the backend, as after a fail-over or a restart. The next
save must either succeed on a fresh connection or tell the user clearly, and
nothing may be lost or stored twice.
"""

from __future__ import annotations

import psycopg2
import pytest
from django.db import connection

from screening import tasks
from screening.models import Report, Screening
from screening.reports import services
from tests import factories
from tests.drills.support import (
    HttpUser,
    changed,
    gunicorn,
    originals_of,
    section_form,
)
from tests.services import need_postgres
from tests.worker import test_database_url

pytestmark = pytest.mark.services


def _terminate_other_connections() -> int:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
            "WHERE datname = current_database() AND pid <> pg_backend_pid()"
        )
        return cursor.fetchone()[0]


def _first_section(user: HttpUser, screening: Screening) -> str:
    page = user.get(f"/screenings/{screening.pk}/")
    assert page.status == 200
    q = screening.questionnaire
    key = next(s.key for s in q.sections if s.key != "case" and s.questions)
    return f"/screenings/{screening.pk}/section/{key}/"


def test_a_save_after_the_database_dropped_the_connection_is_kept_once(
    transactional_db,
):
    need_postgres()
    owner = factories.researcher()
    screening = factories.ScreeningFactory(owner=owner)
    with gunicorn() as url:
        _drill(HttpUser(url, owner), screening)


def _drill(user: HttpUser, screening: Screening) -> None:
    path = _first_section(user, screening)

    form, radios = section_form(user.get(path))
    data, first_key, first_value = changed(form, radios, screening)
    saved = user.post(path, originals_of(screening, data))
    assert saved.status == 200
    screening.refresh_from_db()
    assert screening.answers[first_key] == first_value
    revision = screening.revision

    form, radios = section_form(user.get(path))
    data, second_key, second_value = changed(form, radios, screening, skip=1)
    data = originals_of(screening, data)
    assert _terminate_other_connections() >= 1  # the server's connection is gone

    page = user.post(path, data)

    assert page.status < 500, page.text[:2000]
    screening.refresh_from_db()
    if screening.answers.get(second_key) == second_value:  # saved on a reconnect
        assert screening.revision == revision + 1  # once, not twice
    else:  # not saved: the user must be told, and may save again
        assert page.messages(), "the user is not told that the save failed"
        page = user.post(path, originals_of(screening, data))
        assert page.status == 200
        screening.refresh_from_db()
        assert screening.answers[second_key] == second_value
    assert screening.answers[first_key] == first_value  # the first save is not lost
    assert screening.history.count() == 3  # created, first save, second save


def test_a_report_whose_connection_dropped_after_writing_the_pdf_ends_ready(
    transactional_db, settings, tmp_path, monkeypatch
):
    """The final UPDATE used to fail, the task was acknowledged, and the report
    stayed "rendering" for ever. Now it reconnects once and records the PDF."""
    need_postgres()
    settings.MEDIA_ROOT = tmp_path / "media"
    leader = factories.leader()
    monkeypatch.setattr(tasks.render_report, "delay", lambda pk: None)
    report = services.request_report(kind=Report.Kind.SUMMARY, by=leader)
    store = tasks._store
    killed = []

    def store_then_lose_the_connection(report, content):
        name = store(report, content)
        killed.append(_terminate(_backend_pid()))
        return name

    monkeypatch.setattr(tasks, "_store", store_then_lose_the_connection)
    tasks.render_report(report.pk)

    assert killed == [True]
    report.refresh_from_db()
    assert report.status == Report.Status.READY, report.error
    assert report.attempts == 1  # recorded, not rendered again
    assert (tmp_path / "media" / report.file_name).exists()


def _backend_pid() -> int:
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        return cursor.fetchone()[0]


def _terminate(pid: int) -> bool:
    """Ends a backend from outside, as a database restart or fail-over does."""
    other = psycopg2.connect(test_database_url())
    try:
        other.autocommit = True
        with other.cursor() as cursor:
            cursor.execute("SELECT pg_terminate_backend(%s)", [pid])
            return cursor.fetchone()[0]
    finally:
        other.close()
