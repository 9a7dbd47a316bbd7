"""The benchmark harness on a tiny volume: the seed, query counts, the table."""

from __future__ import annotations

import json

import pytest

from agreements.models import Agreement, Partner, Unit
from screening import questionnaire as qn
from screening import scoring
from screening.models import Screening
from screening.models.screenings import levels_by_dimension
from screening.scoring.stored import digest
from tools.bench import engine, pages, seed, table

pytestmark = pytest.mark.django_db
SCALE = 0.002  # 20 agreements, 10 partners, 10 screenings, 10 users


@pytest.fixture
def seeded(settings):
    settings.ALLOWED_HOSTS = ["testserver"]
    seed.seed_volume(scale=SCALE, log=lambda _: None)


def test_seed_builds_the_asked_volume_once(seeded):
    n = seed.counts(SCALE)
    bench_units = Unit.objects.filter(short_name__startswith=seed.MARK)
    assert bench_units.count() == n["units"]
    assert Agreement.objects.count() == n["agreements"]
    assert Partner.objects.count() == n["partners"]
    assert Screening.objects.count() == n["screenings"]
    assert Agreement.objects.filter(partners=None).count() == 0

    seed.seed_volume(scale=SCALE, log=lambda _: None)

    assert Agreement.objects.count() == n["agreements"]


def test_seeded_screenings_carry_the_engines_result_for_their_answers(seeded):
    facts = seed.country_facts()
    for screening in Screening.objects.select_related("partner"):
        q = screening.questionnaire
        result = scoring.score(
            q,
            screening.answers,
            facts[screening.country_id],
            (seed.partner_facts(screening.partner),),
            stage=screening.stage,
        )
        assert screening.result == result.to_json()
        # the dashboard counts dimension levels from this derived column
        assert screening.dimension_levels == levels_by_dimension(result.to_json())
        assert screening.overall_level == (result.overall or "incomplete")
        assert qn.clean_answers(q, screening.answers, screening.context()) == (
            screening.answers
        )


def test_overview_and_questionnaire_pages_need_as_many_queries_for_10_rows_as_for_all(
    seeded,
):
    """And the review page, the decision and the report request, whose POSTs
    act on every repetition (rolled back) and leave the screening as it was."""
    figures = {f.name: f for f in pages.measure(repeat=1, log=lambda _: None)}
    for name in (
        "overview, unfiltered",
        "overview, filtered",
        "overview, search",
        "overview, sorted by end",
        "overview, last page",
        "section GET",
        "section POST",
        "summary page",
        "competence coverage",
        "review page",
        "decision POST (request changes)",
        "report request POST",
    ):
        figure = figures[name]
        assert figure.value is not None, figure.note
        assert figure.queries_small == figure.queries_full, name
    waiting = pages.review_subject(pages.bench_subjects()[0])
    assert waiting.status in (Screening.Status.SUBMITTED, Screening.Status.IN_REVIEW)
    assert not waiting.reports.exists()


def test_the_table_prints_ratios_and_writes_json(tmp_path):
    figures = [
        table.Figure("overview", 50.0, reference=100.0, reference_name="target"),
        table.Figure("load", 50.0, "req/s", reference=100.0, higher_is_better=True),
    ]
    text = table.render(figures)
    assert "0.50x" in text
    assert "2.00x" in text  # half the wanted throughput is twice as bad
    table.write_json(tmp_path / "out.json", figures, {"commit": "abc"})
    data = json.loads((tmp_path / "out.json").read_text())
    assert [f["ratio"] for f in data["figures"]] == [0.5, 2.0]


def test_rescore_figure_runs_the_real_path_and_leaves_the_rows_as_they_were(seeded):
    stale = Screening.objects.order_by("pk").first()
    # As an earlier engine would have stored it (every write sets the digest).
    Screening.objects.filter(pk=stale.pk).update(result={}, result_digest=digest({}))

    every, default = engine.rescore(count=15)  # 10 stored: 1.5 passes

    assert every.value is not None
    assert default.value is not None
    # The seed stores no inputs digests: the first pass scores every row and
    # stores them, the second pass over the same rows (and the default run
    # after it) finds nothing to score.
    assert every.note.startswith("10 distinct, 1 rewritten, 0 skipped")
    assert default.note.startswith("10 distinct, 0 rewritten, 15 skipped")
    assert Screening.objects.get(pk=stale.pk).result == {}
