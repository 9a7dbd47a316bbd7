"""Cached page fragments: fast on repeat, never stale, never someone else's."""

from __future__ import annotations

import pytest
from django.core.cache import cache
from django.db import transaction
from django.test import Client
from django.utils import timezone

from agreements.models import Agreement
from config import fragments
from countries import services as country_services
from countries.models import Country
from screening.models import Screening
from screening.services import screenings as screening_services
from tests import factories as f


@pytest.fixture
def cache_on(settings):
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    }
    cache.clear()


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """committed(write): the write, then its transaction's commit callbacks, as
    a real commit would run them (the test's own transaction never commits)."""

    def run(write):
        with django_capture_on_commit_callbacks(execute=True):
            write()

    return run


def _overview(client) -> str:
    return client.get("/agreements/").content.decode()


pytestmark = pytest.mark.usefixtures("cache_on")


def test_overview_shows_a_renamed_agreement_at_once(
    client_for, contact_point, committed
):
    agreement = f.AgreementFactory(title="Old title")
    client = client_for(contact_point)
    assert "Old title" in _overview(client)

    def rename():
        agreement.title = "New title"
        agreement.save()

    committed(rename)
    page = _overview(client)
    assert "New title" in page
    assert "Old title" not in page


def test_overview_shows_a_partner_added_to_an_agreement_at_once(
    client_for, contact_point, committed
):
    agreement = f.AgreementFactory(title="Linked")
    partner = f.PartnerFactory(name="Newly added partner")
    client = client_for(contact_point)
    assert "Newly added partner" not in _overview(client)
    committed(lambda: agreement.partners.add(partner))
    assert "Newly added partner" in _overview(client)


def test_a_bulk_service_that_sends_no_signal_moves_the_version(db, committed):
    country = f.CountryFactory(iso2="QZ")
    wrong = "T1" if country.derived_columns()["tier"] != "T1" else "T2"
    Country.objects.filter(pk=country.pk).update(tier=wrong)  # no signal
    before = fragments.version()
    committed(lambda: country_services.refresh_country_flags(iso2=["QZ"]))
    assert Country.objects.get(pk="QZ").tier != wrong
    assert fragments.version() > before


def test_a_rolled_back_write_moves_nothing(db, committed):
    before = fragments.version()

    def rolled_back():
        try:
            with transaction.atomic():
                f.AgreementFactory()
                raise RuntimeError
        except RuntimeError:
            pass

    committed(rolled_back)
    assert fragments.version() == before


def test_a_login_empties_no_cached_page(
    client_for, contact_point, researcher, committed, django_assert_max_num_queries
):
    f.AgreementFactory.create_batch(3)
    researcher.set_password("a-long-test-password")
    researcher.save()
    client = client_for(contact_point)
    client.get("/agreements/")
    before = fragments.version()
    form = {"username": researcher.username, "password": "a-long-test-password"}
    committed(lambda: Client().post("/accounts/login/", form))
    researcher.refresh_from_db()
    assert researcher.last_login is not None  # the login wrote last_login
    assert fragments.version() == before
    # session, user: no query for counts, rows or filter choices
    with django_assert_max_num_queries(3):
        assert client.get("/agreements/").status_code == 200


def test_a_repeat_visit_is_served_from_the_cache(
    client_for, contact_point, django_assert_max_num_queries
):
    f.AgreementFactory.create_batch(3)
    client = client_for(contact_point)
    client.get("/agreements/")
    with django_assert_max_num_queries(3):
        assert client.get("/agreements/").status_code == 200


def test_each_user_gets_their_own_copy(client_for, contact_point, researcher):
    f.AgreementFactory(title="Another unit's agreement")
    assert "Another unit&#x27;s agreement" in _overview(client_for(contact_point))
    # Same version, same query string: the researcher must not get the
    # contact point's cached page, which lists agreements they may not see.
    assert "Another unit" not in _overview(client_for(researcher))


def test_filters_and_language_each_get_their_own_copy(client_for, contact_point):
    f.AgreementFactory(title="Active one", status=Agreement.Status.ACTIVE)
    f.AgreementFactory(title="Terminated one", status=Agreement.Status.TERMINATED)
    client = client_for(contact_point)
    assert "Terminated one" in _overview(client)
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
    before = fragments.version()
    committed(
        lambda: screening_services.save_answers(
            screening,
            changes={"collab.confidentiality": "partner_request"},
            originals={"collab.confidentiality": ""},
            revision=screening.revision,
            by=researcher,
        )
    )
    assert fragments.version() == before

    def submit():
        screening.status = Screening.Status.SUBMITTED
        screening.save()

    committed(submit)
    assert fragments.version() > before


def test_queue_and_dashboard_show_a_submission_made_after_a_first_visit(
    client_for, contact_point, leader, committed
):
    screening = f.ScreeningFactory(title="Fresh submission")
    queue, dashboard = client_for(contact_point), Client()
    dashboard.force_login(leader)
    assert "Fresh submission" not in queue.get("/reviews/").content.decode()
    before = dashboard.get("/dashboard/").content.decode()

    def submit():
        screening.status = Screening.Status.SUBMITTED
        screening.submitted_at = timezone.now()
        screening.save()

    committed(submit)
    assert "Fresh submission" in queue.get("/reviews/").content.decode()
    after = dashboard.get("/dashboard/").content.decode()
    assert "Fresh submission" in after
    assert "Fresh submission" not in before
