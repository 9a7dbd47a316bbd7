"""Results follow the facts by themselves: country indicators and repeated
re-scoring tasks (the match decisions are in test_match_decisions)."""

from __future__ import annotations

import pytest
from django.core import mail

from agreements import named_lists
from countries import services as country_services
from screening import tasks
from screening.models import Screening
from tests import factories
from tests.screening import review_support

pytestmark = pytest.mark.django_db


def test_new_country_indicators_rescore_the_countrys_screenings(
    django_capture_on_commit_callbacks,
):
    country = factories.CountryFactory(iso2="XK", name_en="Kosovo", name_nb="Kosovo")
    screening = review_support.submitted(
        partner=factories.PartnerFactory(country=country)
    )
    before = screening.overall_level
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        factories.IndicatorFactory(
            country=country, kind="threat_assessment_named", value="main_actor"
        )
        factories.IndicatorFactory(
            country=country, kind="travel_advice", value="against_non_essential"
        )
        country_services.refresh_country_flags(iso2=["XK"])  # as the import does
    screening.refresh_from_db()
    assert screening.overall_level != before
    assert screening.level_change["cause"] == {
        "kind": "country_indicators",
        "country": "Kosovo",
    }
    assert len(mail.outbox) == 2


def test_running_the_rescore_task_twice_changes_and_sends_nothing_more(
    django_capture_on_commit_callbacks,
):
    partner = factories.PartnerFactory()
    match = factories.PartnerMatchFactory(partner=partner, score=0.95)
    screening = review_support.submitted(partner=partner)
    with django_capture_on_commit_callbacks(execute=True):
        named_lists.decide_match(
            match, status="confirmed", reason="Same", by=factories.contact_point()
        )
    moved = Screening.objects.get(pk=screening.pk)
    assert moved.overall_level != screening.overall_level
    sent = len(mail.outbox)
    cause = {"kind": "match_confirmed", "list": "x", "by": "y"}
    with django_capture_on_commit_callbacks(execute=True):
        assert tasks.rescore_affected.delay([partner.pk], [], cause).get() == 0
    again = Screening.objects.get(pk=screening.pk)
    assert (again.overall_level, again.result_digest, again.level_change) == (
        moved.overall_level,
        moved.result_digest,
        moved.level_change,
    )
    assert len(mail.outbox) == sent
