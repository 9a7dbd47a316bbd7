"""Cached page fragments: fast on repeat, never stale, never someone else's."""

from __future__ import annotations

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.utils import timezone

from agreements import freshness
from agreements.models import Agreement
from screening.models import Screening
from screening.services import screenings as screening_services
from tests import factories as f


@pytest.fixture
def cache_on(settings):
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    }
    cache.clear()  # the database was rolled back: version numbers come round again


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """committed(write): commit what the test did so far, then the write, as
    two real transactions would (the test itself runs in one that never commits)."""

    def run(write=lambda: None):
        earlier = list(connection.run_on_commit)
        connection.run_on_commit.clear()
        for _savepoints, callback, _robust in earlier:
            callback()
        with django_capture_on_commit_callbacks(execute=True):
            write()

    return run


def _titles(client) -> str:
    return client.get("/agreements/").content.decode()


pytestmark = pytest.mark.usefixtures("cache_on")


def test_overview_shows_a_renamed_agreement_at_once(
    client_for, contact_point, committed
):
    agreement = f.AgreementFactory(title="Old title")
    client = client_for(contact_point)
    assert "Old title" in _titles(client)

    def rename():
        agreement.title = "New title"
        agreement.save()

    committed(rename)
    page = _titles(client)
    assert "New title" in page
    assert "Old title" not in page


def test_a_bulk_update_without_signals_also_makes_it_stale(
    client_for, contact_point, committed
):
    agreement = f.AgreementFactory(title="Before bulk")
    client = client_for(contact_point)
    assert "Before bulk" in _titles(client)
    committed(
        lambda: Agreement.objects.filter(pk=agreement.pk).update(title="After bulk")
    )
    assert "After bulk" in _titles(client)


def test_a_repeat_visit_is_served_from_the_cache(
    client_for, contact_point, django_assert_max_num_queries
):
    f.AgreementFactory.create_batch(3)
    client = client_for(contact_point)
    client.get("/agreements/")
    # session, user, data version: no query for counts, rows or filter choices
    with django_assert_max_num_queries(4):
        assert client.get("/agreements/").status_code == 200


def test_each_user_gets_their_own_copy(client_for, contact_point, researcher):
    f.AgreementFactory(title="Another unit's agreement")
    assert "Another unit&#x27;s agreement" in _titles(client_for(contact_point))
    # Same data version, same query string: the researcher must not get the
    # contact point's cached page, which lists agreements they may not see.
    assert "Another unit" not in _titles(client_for(researcher))


def test_filters_and_language_each_get_their_own_copy(client_for, contact_point):
    f.AgreementFactory(title="Active one", status=Agreement.Status.ACTIVE)
    f.AgreementFactory(title="Terminated one", status=Agreement.Status.TERMINATED)
    client = client_for(contact_point)
    assert "Terminated one" in _titles(client)
    filtered = client.get("/agreements/", {"status": "active"}).content.decode()
    assert "Active one" in filtered
    assert "Terminated one" not in filtered
    contact_point.language = "en"
    contact_point.save()
    english = client.get("/agreements/").content.decode()
    assert "Filter and search" in english


def test_a_drafts_answers_leave_the_version_alone_but_a_submission_moves_it(
    researcher, committed
):
    screening = f.ScreeningFactory(owner=researcher)
    committed()
    before = freshness.current()
    committed(
        lambda: screening_services.save_answers(
            screening,
            changes={"collab.confidentiality": "partner_request"},
            originals={"collab.confidentiality": ""},
            revision=screening.revision,
            by=researcher,
        )
    )
    assert freshness.current() == before
    committed(
        lambda: Screening.objects.filter(pk=screening.pk).update(
            status=Screening.Status.SUBMITTED
        )
    )
    assert freshness.current() == before + 1


def test_one_transaction_moves_the_version_once(db, committed):
    committed()
    before = freshness.current()

    def several_writes():
        f.AgreementFactory.create_batch(3)

    committed(several_writes)
    assert freshness.current() == before + 1


@pytest.mark.parametrize(
    ("sql", "shown"),
    [
        ('UPDATE "agreements_agreement" SET "title" = %s', True),
        ('INSERT INTO "agreements_agreement_partners" ("a") VALUES (1)', True),
        ('DELETE FROM "countries_indicator" WHERE 1', True),
        ('  update "screening_screening" set x = 1', True),
        ('UPDATE "agreements_dataversion" SET "number" = 2', False),
        ('INSERT INTO "agreements_historicalagreement" ("a") VALUES (1)', False),
        ('UPDATE "django_session" SET "x" = 1', False),
        ('INSERT INTO "axes_accessattempt" ("a") VALUES (1)', False),
        ('SELECT "title" FROM "agreements_agreement"', False),
    ],
)
def test_which_statements_count_as_changes(sql, shown):
    assert freshness.shown(sql) is shown


def test_queue_and_dashboard_show_a_submission_made_after_a_first_visit(
    client_for, contact_point, leader, committed
):
    screening = f.ScreeningFactory(title="Fresh submission")
    queue, dashboard = client_for(contact_point), Client()
    dashboard.force_login(leader)
    assert "Fresh submission" not in queue.get("/reviews/").content.decode()
    before = dashboard.get("/dashboard/").content.decode()
    committed(
        lambda: Screening.objects.filter(pk=screening.pk).update(
            status=Screening.Status.SUBMITTED, submitted_at=timezone.now()
        )
    )
    assert "Fresh submission" in queue.get("/reviews/").content.decode()
    after = dashboard.get("/dashboard/").content.decode()
    assert "Fresh submission" in after
    assert "Fresh submission" not in before


def test_a_write_before_the_version_table_exists_still_succeeds(
    db, committed, caplog, monkeypatch
):
    """A migration of another app can write before this table is migrated."""
    from django.db import ProgrammingError

    from agreements.models import DataVersion

    def missing(*args, **kwargs):
        raise ProgrammingError('relation "agreements_dataversion" does not exist')

    agreement = f.AgreementFactory(title="During a migration")
    committed()
    monkeypatch.setattr(DataVersion.objects, "filter", missing)
    committed(
        lambda: Agreement.objects.filter(pk=agreement.pk).update(title="Migrated")
    )
    assert Agreement.objects.get(pk=agreement.pk).title == "Migrated"
    assert "could not be moved" in caplog.text
