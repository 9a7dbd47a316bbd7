"""Drill: the app's PostgreSQL connection is killed between two questionnaire saves.

The server (gunicorn with the production connection settings: persistent
connections with health checks) loses its connection when the
database terminates the backend, as after a fail-over or a restart. The next
save must either succeed on a fresh connection or tell the user clearly, and
nothing may be lost or stored twice.
"""

from __future__ import annotations

import pytest
from django.db import connection

from screening.models import Screening
from tests import factories
from tests.drills.support import (
    HttpUser,
    changed,
    ensure_groups,
    gunicorn,
    originals_of,
    section_form,
)
from tests.services import need_postgres

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
    ensure_groups()
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
