"""Re-scoring in bulk after the facts changed (services.rescoring)."""

from __future__ import annotations

import datetime
import io

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from agreements.models import PartnerIncident
from screening.models import Screening
from screening.models.screenings import levels_by_dimension
from screening.scoring import stored
from screening.scoring.stored import digest
from screening.services.rescoring import rescore_screenings
from tests.factories import (
    AgreementFactory,
    CountryFactory,
    IndicatorFactory,
    PartnerFactory,
    PartnerMatchFactory,
    ScreeningFactory,
)
from tests.screening.answers import answers

pytestmark = pytest.mark.django_db


@pytest.fixture
def country():
    return CountryFactory(iso2="XK")


def _screenings(country):
    listed = PartnerFactory(country=country)
    return [
        ScreeningFactory(partner=listed, answers=answers()),
        ScreeningFactory(
            partner=PartnerFactory(country=country),
            answers=answers(research__dual_use="yes"),
        ),
        ScreeningFactory(
            partner=None,
            country=country,
            proposed_partner_name="Institute Not Yet Registered",
            answers=answers(),
        ),
        ScreeningFactory(answers=answers()),  # another country: stays as it was
    ]


def _facts_change(country, listed):
    IndicatorFactory(country=country, kind="travel_advice", value="against_all")
    PartnerMatchFactory(partner=listed, status="confirmed")


def test_bulk_stores_what_scoring_each_screening_stores(country):
    screenings = _screenings(country)
    _facts_change(country, screenings[0].partner)
    # An incident recorded against the second partner flags it (bulk reads
    # incidents, like matches, only for the partners that have any).
    PartnerIncident.objects.create(
        partner=screenings[1].partner,
        occurred_on=datetime.date(2026, 11, 2),
        description="Ukjent tredjepart fikk tilgang til data.",
        source=PartnerIncident.Source.CONTACT_POINT,
    )
    expected = {}
    for screening in Screening.objects.all():
        screening.rescore()  # the single path, not saved
        expected[screening.pk] = (screening.result, screening.overall_level)
    before = {
        s.pk: (s.result, s.revision, s.history.count()) for s in Screening.objects.all()
    }

    done = rescore_screenings(batch_size=2)

    assert (done.screenings, done.changed) == (4, 3)
    for screening in Screening.objects.all():
        result, level = expected[screening.pk]
        assert screening.result == result
        # Read back (jsonb reorders keys), the digest still matches the result.
        assert screening.result_digest == digest(screening.result)
        assert screening.overall_level == level
        assert screening.dimension_levels == levels_by_dimension(result)
        moved = screening.pk != screenings[3].pk
        _, revision, records = before[screening.pk]
        assert screening.revision == revision + moved
        assert screening.history.count() == records + moved
    assert expected[screenings[0].pk][0] != before[screenings[0].pk][0]
    sources = {
        line.get("fact_source") for line in expected[screenings[1].pk][0]["ledger"]
    }
    assert "Samarbeidssjekk: incident log" in sources


def test_the_history_of_a_moved_screening_keeps_what_scoring_does_not_read(country):
    """Re-scoring reads only what scoring needs; the history row of a screening
    whose result moved still shows its plan, title and period as they were."""
    screenings = _screenings(country)
    plan = {"collab.balance": "Vi avklarer dette i avtalen."}
    Screening.objects.filter(pk=screenings[0].pk).update(mitigation_plan=plan)
    _facts_change(country, screenings[0].partner)

    rescore_screenings()

    moved = Screening.objects.get(pk=screenings[0].pk)
    entry = moved.history.first()
    assert entry.revision == moved.revision
    assert entry.mitigation_plan == plan
    assert (entry.title, entry.owner_id) == (moved.title, moved.owner_id)
    assert entry.overall_level == moved.overall_level


def test_moved_screenings_are_written_in_as_many_queries_for_two_as_for_six(country):
    def queries_for(count: int) -> int:
        Screening.objects.all().delete()
        listed = PartnerFactory(country=country)
        for _ in range(count):
            ScreeningFactory(partner=listed, answers=answers())
        PartnerMatchFactory(partner=listed, status="confirmed")
        with CaptureQueriesContext(connection) as run:
            assert rescore_screenings().changed == count
        return len(run.captured_queries)

    assert queries_for(6) == queries_for(2)


def test_a_second_run_writes_nothing(country):
    screenings = _screenings(country)
    _facts_change(country, screenings[0].partner)
    rescore_screenings()
    revisions = dict(Screening.objects.values_list("pk", "revision"))

    assert rescore_screenings().changed == 0
    assert dict(Screening.objects.values_list("pk", "revision")) == revisions


def test_rescoring_unchanged_inputs_writes_nothing(country):
    _screenings(country)  # each saved through Screening.rescore
    before = {
        s.pk: (s.revision, s.updated_at, s.scored_at, s.history.count())
        for s in Screening.objects.all()
    }

    with CaptureQueriesContext(connection) as queries:
        done = rescore_screenings()

    assert (done.screenings, done.changed, done.unchanged_inputs) == (4, 0, 4)
    writes = [
        q["sql"]
        for q in queries.captured_queries
        if q["sql"].lstrip().upper().startswith(("UPDATE", "INSERT", "DELETE"))
    ]
    assert writes == []
    assert {
        s.pk: (s.revision, s.updated_at, s.scored_at, s.history.count())
        for s in Screening.objects.all()
    } == before


def test_a_changed_fact_is_scored_although_the_answers_are_the_same(country):
    screenings = _screenings(country)
    _facts_change(country, screenings[0].partner)

    done = rescore_screenings()

    assert (done.changed, done.unchanged_inputs) == (3, 1)


def test_a_new_engine_scores_every_row_again_and_writes_only_digests(
    country, monkeypatch
):
    """After a deploy that changes the engine's code or the definitions every
    row is scored again; a result that comes out the same is not a revision."""
    _screenings(country)
    revisions = dict(Screening.objects.values_list("pk", "revision"))
    monkeypatch.setattr(stored, "engine_fingerprint", lambda: "another engine")

    done = rescore_screenings()

    assert (done.screenings, done.changed, done.unchanged_inputs) == (4, 0, 0)
    assert dict(Screening.objects.values_list("pk", "revision")) == revisions
    assert rescore_screenings().unchanged_inputs == 4  # the new digests stored


def test_force_scores_rows_with_unchanged_inputs(country):
    _screenings(country)

    done = rescore_screenings(force=True)

    assert (done.screenings, done.changed, done.unchanged_inputs) == (4, 0, 0)


def test_results_stored_by_an_earlier_engine_are_replaced(country):
    """A deployed engine fix changes results without any fact changing."""
    screening = _screenings(country)[1]
    fresh = Screening.objects.get(pk=screening.pk).result
    Screening.objects.filter(pk=screening.pk).update(
        result={"status": "complete"}, result_digest=digest({"status": "complete"})
    )

    assert rescore_screenings().changed == 1
    assert Screening.objects.get(pk=screening.pk).result == fresh


def test_the_register_shows_the_new_level(country):
    listed = PartnerFactory(country=country)
    screening = ScreeningFactory(
        partner=listed, answers=answers(research__dual_use="yes")
    )
    agreement = AgreementFactory(
        partners=[listed],
        last_screening=screening,
        last_screening_level=screening.overall_level,
    )
    before = screening.overall_level
    PartnerMatchFactory(partner=listed, status="confirmed")

    rescore_screenings()

    screening.refresh_from_db()
    agreement.refresh_from_db()
    assert screening.overall_level != before
    assert agreement.last_screening_level == screening.overall_level


def test_command_rescores_the_screenings_of_one_country(country):
    screenings = _screenings(country)
    _facts_change(country, screenings[0].partner)
    other = screenings[3]
    out = io.StringIO()

    call_command("rescore_screenings", "--country", "xk", stdout=out)

    assert "3 screenings looked at, 3 changed" in out.getvalue()
    assert Screening.objects.get(pk=other.pk).revision == other.revision
