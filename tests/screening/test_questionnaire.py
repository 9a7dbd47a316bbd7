"""Every published definition loads (that the rules stay free of Django:
tests/config/test_architecture.py)."""

from __future__ import annotations

import csv

import pytest

from screening import questionnaire, scoring
from screening.questionnaire.loader import RESEARCH_AREAS, load_file
from tests.screening.answers import EEA, Q, answers


@pytest.mark.parametrize("path", questionnaire.definition_files(), ids=lambda p: p.name)
def test_every_definition_loads(path):
    q = load_file(path)
    assert path.name == f"{q.id}-v{q.version}.yaml"
    assert [s.key for s in q.sections][:2] == ["case", "collab"]


def test_current_definition_holds_sections_0_to_10_and_the_rules():
    assert len(Q.sections) == 11
    assert {t.key for t in Q.hard_triggers} == {f"HT-{n:02d}" for n in range(1, 13)}
    assert {r.key for r in Q.routes} >= {"R-EC", "R-DPO", "R-CP", "R-LEAD", "R-INT"}
    for key in (
        "collab.purpose_documented",
        "partner.military_links",
        "research.export_list",
    ):
        assert Q.question(key).ref, key
    assert Q.checked_on["export_control"]
    assert "DEKSA" in Q.notes["export_control"]["en"]


def test_research_area_vocabulary_is_tagged_and_in_every_language():
    with RESEARCH_AREAS.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert {r["sensitivity"] for r in rows} == {"low", "medium", "high"}
    assert all(
        r["label_nb"] and r["label_nn"] and r["label_en"] and r["source"] for r in rows
    )
    assert len(Q.question("research.area").options) == len(rows)


def test_reflection_prompt_is_text_and_not_scored():
    reflection = Q.question("collab.reflection")
    assert (reflection.type, reflection.scored) == ("text", False)
    given = answers(collab__reflection="Our red line is any veto on publication.")
    assert not any(
        c.key == "collab.reflection" for c in scoring.score(Q, given, EEA, []).ledger
    )


def test_tr_falls_back_to_bokmal():
    assert questionnaire.tr({"nb": "lav", "en": "low"}, "en") == "low"
    assert questionnaire.tr({"nb": "lav"}, "de") == "lav"
