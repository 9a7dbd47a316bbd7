"""A value-register asset picked in the questionnaire, through the pure engine
(issue 22): the ledger names it, research sensitivity rises, its owner is a route."""

from __future__ import annotations

import pytest

from countries.facts import AssetFacts
from screening import ledger, scoring
from screening import questionnaire as qn

Q = qn.load(*qn.CURRENT)
LAB = AssetFacts(7, "Quantum lab", "infrastructure", "Dept. of Physics", "very_high")
ARCHIVE = AssetFacts(8, "Manuscript archive", "data_set", "Dept. of Culture", "low")
BASE = {"collab.components": ["joint_research"], "collab.research_component": "yes"}


def _score(picked, assets=(LAB, ARCHIVE)):
    answers = {**BASE, "collab.assets": picked} if picked is not None else BASE
    return scoring.score(Q, answers, None, [], assets=assets)


def test_a_picked_asset_is_a_ledger_line_that_names_it_and_its_owner():
    result = _score(["7"])
    lines = [c for c in result.ledger if c.source == "asset"]
    assert [(c.dimension, c.points, c.asset) for c in lines] == [
        ("SEC", 5, "Quantum lab")
    ]
    assert lines[0].explanation["en"].startswith("Quantum lab (Dept. of Physics):")
    assert "very high sensitivity" in lines[0].explanation["en"]
    assert "svært høg" in lines[0].explanation["nn"]


def test_the_asset_raises_research_sensitivity_and_routes_to_its_owner():
    before, after = _score(None), _score(["7"])
    assert before.sensitivity == 0
    assert after.sensitivity == 3  # a very high asset is S3, as export list I/II
    assert after.dimension("SEC").points == before.dimension("SEC").points + 5
    assert "R-OWNER" not in {r.key for r in before.routes}
    assert "R-OWNER" in {r.key for r in after.routes}


@pytest.mark.parametrize(
    ("sensitivity", "points", "s"),
    [("low", 1, 0), ("medium", 2, 1), ("high", 3, 2), ("very_high", 5, 3)],
)
def test_points_and_sensitivity_follow_the_assets_level(sensitivity, points, s):
    asset = AssetFacts(9, "Lab", "infrastructure", "Unit", sensitivity)
    result = _score(["9"], assets=(asset,))
    assert sum(c.points for c in result.ledger if c.source == "asset") == points
    assert result.sensitivity == s


def test_two_assets_are_two_reasons_on_the_summary():
    result = _score(["7", "8"])
    texts = [r.text for r in ledger.reasons(result.to_json()["ledger"], "en")]
    assert any(t.startswith("Quantum lab") for t in texts)
    assert any(t.startswith("Manuscript archive") for t in texts)


def test_only_assets_picked_in_the_answers_count():
    # facts for an asset nobody picked (or a forged id) add nothing
    assert _score(["8"]).sensitivity == 0
    assert not [c for c in _score(["123"]).ledger if c.asset == "Quantum lab"]
    assert _score([]).to_json() == _score(None).to_json()


def test_a_bad_answer_is_dropped_not_scored():
    assert qn.validate_answer(Q.question("collab.assets"), ["7", "x"]) is not None
    assert qn.validate_answer(Q.question("collab.assets"), "7") is not None
    assert _score(["7", "x"]).sensitivity == 0


def test_the_result_reads_back_with_the_asset_line():
    stored = _score(["7"]).to_json()
    again = scoring.Result.from_json(stored)
    assert again.to_json() == stored
