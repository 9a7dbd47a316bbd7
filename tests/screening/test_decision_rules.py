"""The decision rules as data: what each level needs cleared before approval."""

from __future__ import annotations

import pytest

from screening import decision_rules as dr

RULES = dr.load()


def tasks(**states: str) -> list[dr.TaskState]:
    return [
        dr.TaskState(route.replace("_", "-"), state) for route, state in states.items()
    ]


def test_the_rules_file_covers_every_level_and_holds_back_approvals_only():
    assert set(RULES.levels) == set(dr.LEVELS)
    assert RULES.decisions == {"approve", "approve_with_conditions"}
    assert RULES.for_level("very_high").sign_off == "R-LEAD"


def test_very_high_needs_the_sign_off_even_without_a_task():
    (check,) = dr.checklist(RULES, "very_high", [])
    assert (check.route, check.state, check.sign_off) == ("R-LEAD", "missing", True)
    assert not check.done
    assert check.overridable


def test_very_high_needs_every_route_cleared():
    open_routes = tasks(R_LEAD="confirmed", R_DPO="open", R_EC="cleared")
    missing = dr.missing(RULES, "approve", "very_high", open_routes)
    assert [c.route for c in missing] == ["R-DPO"]


def test_an_overridden_sign_off_counts_as_cleared():
    states = tasks(R_LEAD="overridden", R_EC="cleared")
    assert dr.missing(RULES, "approve_with_conditions", "very_high", states) == []


@pytest.mark.parametrize("decision", ["reject", "request_changes"])
def test_rejecting_or_sending_back_needs_nobody_cleared(decision):
    assert dr.missing(RULES, decision, "very_high", tasks(R_DPO="open")) == []


def test_low_levels_need_only_the_mandatory_tasks():
    states = [dr.TaskState("R-EC", "open", True), dr.TaskState("R-DPO", "open")]
    assert [c.route for c in dr.missing(RULES, "approve", "low", states)] == ["R-EC"]
    high = dr.missing(RULES, "approve", "high", states)
    assert [c.route for c in high] == ["R-EC", "R-DPO"]


@pytest.mark.parametrize(
    "raw",
    [
        {"version": 1, "decisions": [], "levels": {}},
        {"version": 1, "decisions": [], "levels": {"huge": {}}},
        {"version": 1, "levels": {}},
    ],
)
def test_a_broken_rules_file_is_refused(raw):
    with pytest.raises(ValueError, match="decision rules"):
        dr.parse(raw)
