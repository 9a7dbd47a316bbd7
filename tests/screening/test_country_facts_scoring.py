"""Country facts feed the score: threat naming, travel advice, rule of law,
data-access laws, the 2022 freeze and the scope of an adequacy decision."""

from __future__ import annotations

import pytest

from countries.facts import CountryFacts, Fact
from screening import questionnaire, scoring
from screening.conditions import Context
from tests.screening.answers import Q, answers, country, partner

LEVELS = ("low", "medium", "high", "very_high")


def rules(result: scoring.Result) -> set[str]:
    return {line.rule for line in result.ledger}


def keys(items) -> set[str]:
    return {item.key for item in items}


@pytest.mark.parametrize(
    ("flags", "rule"),
    [
        ({"threat_assessment_named": "main_actor"}, "CTY-THREAT-A"),
        ({"threat_assessment_named": "mentioned"}, "CTY-THREAT-M"),
        ({"travel_advice": "caution"}, "CTY-TRAVEL-C"),
        ({"travel_advice": "against_non_essential"}, "CTY-TRAVEL-N"),
        ({"travel_advice": "against_all"}, "CTY-TRAVEL-A"),
        ({"rule_of_law_band": "weak"}, "CTY-ROL-W"),
        ({"rule_of_law_band": "very_weak"}, "CTY-ROL-VW"),
        ({"state_data_access_laws": "yes"}, "CTY-DATA-LAW"),
    ],
)
def test_each_country_fact_scores_when_the_data_says_so(flags, rule):
    result = scoring.score(Q, answers(), country("XX", "T1", **flags), [])
    assert rule in rules(result)
    line = next(c for c in result.ledger if c.rule == rule)
    assert line.points > 0
    assert line.fact_source == "admin"


def test_advice_against_all_travel_with_presence_is_ht10_and_goes_to_leadership():
    facts = country("UA", "T1", travel_advice="against_all")
    result = scoring.score(Q, answers(country__physical_presence="yes"), facts, [])
    assert "HT-10" in keys(result.hard_triggers)
    assert {"R-INT", "R-LEAD"} <= keys(result.routes)
    quiet = scoring.score(Q, answers(country__physical_presence="no"), facts, [])
    assert "HT-10" not in keys(quiet.hard_triggers)


FROZEN = country(
    "RU",
    "T3",
    sanctions_regime="comprehensive",
    policy_instruction="institutional_freeze",
)
INSTITUTIONAL = answers(
    collab__components=["joint_research", "mou"],
    collab__agreement_status="in_preparation",
    research__area=["gen_humanities"],
)


def test_institutional_cooperation_under_the_freeze_is_high_and_goes_to_leadership():
    result = scoring.score(Q, INSTITUTIONAL, FROZEN, [partner("university")])
    assert "HT-12" in keys(result.hard_triggers)
    assert LEVELS.index(result.overall) >= LEVELS.index("high")
    assert "R-LEAD" in keys(result.routes)
    assert "M-POL-01" in keys(result.mitigations)


def test_the_freeze_also_catches_a_partner_the_researcher_says_is_state_controlled():
    result = scoring.score(
        Q, {**INSTITUTIONAL, "partner.state_control": "yes"}, FROZEN, []
    )
    assert "HT-12" in keys(result.hard_triggers)


def test_researcher_to_researcher_contact_without_an_agreement_is_not_frozen():
    contact = answers(
        collab__components=["joint_research"],
        collab__agreement_status="none_planned",
    )
    result = scoring.score(Q, contact, FROZEN, [partner("university")])
    assert "HT-12" not in keys(result.hard_triggers)


def test_the_freeze_does_not_apply_where_no_instruction_is_recorded():
    elsewhere = country("KZ", "T2", academic_freedom_band="low")
    result = scoring.score(Q, INSTITUTIONAL, elsewhere, [partner("university")])
    assert "HT-12" not in keys(result.hard_triggers)


def adequate(scope: str) -> CountryFacts:
    facts = country("US", "T0", gdpr_adequacy="adequate")
    extra = Fact("gdpr_adequacy_scope", scope, "European Commission", "2023/1795")
    return CountryFacts(facts.iso2, facts.name, facts.tier, (*facts.facts, extra))


HEALTH = answers(
    collab__components=["joint_research", "data_sharing"],
    data__personal="special",
    data__third_country="yes",
    data__transfer_basis="adequacy",
)


@pytest.mark.parametrize("covered", ["no", "unknown"])
def test_health_data_to_a_us_partner_without_dpf_counts_as_not_adequate(covered):
    result = scoring.score(
        Q, {**HEALTH, "data.adequacy_covered": covered}, adequate("dpf_certified"), []
    )
    assert "HT-11" in keys(result.hard_triggers)
    assert "CTY-GDPR-SCOPE" in rules(result)
    assert next(d for d in result.dimensions if d.key == "DP").level in (
        "high",
        "very_high",
    )
    assert "R-DPO" in keys(result.routes)


def test_a_dpf_certified_us_partner_is_covered_by_the_adequacy_decision():
    result = scoring.score(
        Q, {**HEALTH, "data.adequacy_covered": "yes"}, adequate("dpf_certified"), []
    )
    assert "HT-11" not in keys(result.hard_triggers)
    assert "CTY-GDPR-SCOPE" not in rules(result)


@pytest.mark.parametrize(
    ("scope", "third_country", "shown"),
    [
        ("dpf_certified", "yes", True),
        ("commercial", "yes", True),
        ("private_sector", "yes", True),
        ("dpf_certified", "no", False),
        ("full", "yes", False),
    ],
)
def test_the_coverage_question_appears_only_for_a_partial_scope_and_a_transfer(
    scope, third_country, shown
):
    given = {**HEALTH, "data.third_country": third_country}
    visible = questionnaire.visible_keys(Q, given, Context(adequate(scope)))
    assert ("data.adequacy_covered" in visible) is shown


def test_an_unanswered_coverage_question_keeps_the_result_incomplete():
    result = scoring.score(Q, HEALTH, adequate("commercial"), [])
    assert result.status == "incomplete"
    assert "data.adequacy_covered" in keys(result.blocking)
