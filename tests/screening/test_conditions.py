# ruff: noqa: E501  (tables of cases read best one case per line)
"""The condition language, branching B1-B12 and clean_answers."""

from __future__ import annotations

import pytest

from screening import questionnaire
from screening.conditions import Context, Env, evaluate
from tests.screening.answers import EEA, Q, answers, country, partner
from tests.screening.test_loader_errors import definition

CTX = Context(EEA)


def holds(cond, given, context=CTX):
    return evaluate(cond, Env(Q, given, context))


@pytest.mark.parametrize(
    ("cond", "given", "expected"),
    [
        ({"q": "data.personal", "in": ["ordinary", "special"]}, {"data.personal": "special"}, True),
        ({"q": "data.personal", "in": ["ordinary"]}, {"data.personal": "none"}, False),
        ({"q": "collab.components", "has_any": ["data_sharing"]}, {"collab.components": ["mou", "data_sharing"]}, True),
        ({"q": "collab.components", "has_any": ["data_sharing"]}, {"collab.components": ["mou"]}, False),
        ({"q": "research.area", "tag_in": ["high"]}, {"research.area": ["gen_law", "ca_quantum"]}, True),
        ({"q": "research.area", "tag_in": ["high"]}, {"research.area": ["gen_law"]}, False),
        ({"answered": "data.personal"}, {}, False),
        ({"answered": "data.personal"}, {"data.personal": "none"}, True),
        ({"all": [{"answered": "a.b"}, {"answered": "c.d"}]}, {"a.b": "x"}, False),
        ({"any": [{"answered": "a.b"}, {"answered": "c.d"}]}, {"a.b": "x"}, True),
        ({"not": {"answered": "a.b"}}, {"a.b": "x"}, False),
        ({"derived": "sensitivity", "gte": 2}, {"research.dual_use": "yes"}, True),
        ({"derived": "sensitivity", "gte": 2}, {"research.dual_use": "unknown"}, False),
        ({"derived": "actor", "gte": 2}, {"partner.state_control": "yes"}, True),
    ],
)  # fmt: skip
def test_operators(cond, given, expected):
    assert holds(cond, given) is expected


def test_facts_read_the_country_and_partners():
    context = Context(
        country("XX", "T2", travel_advice="caution"), (partner("company"),)
    )
    assert holds({"fact": "country.tier", "in": ["T2", "T3"]}, {}, context)
    assert holds({"fact": "country.travel_advice", "in": ["caution"]}, {}, context)
    assert holds({"fact": "partner.kind", "in": ["company"]}, {}, context)
    assert not holds({"fact": "partner.flag", "in": ["named_list"]}, {}, context)
    assert holds(
        {"fact": "case.stage", "in": ["renewal"]}, {}, Context(stage="renewal")
    )


def visible(given, context=CTX):
    return questionnaire.visible_keys(Q, given, context)


def sections(given, context=CTX):
    return [s.key for s in questionnaire.visible_sections(Q, given, context)]


def required(given, context=CTX):
    return {q.key for q in questionnaire.required_questions(Q, given, context)}


def test_b1_students_only_with_students():
    assert "students.recognition" in visible(answers())
    assert "students.recognition" not in visible(answers(collab__components=["mou"]))


def test_b2_guests_only_with_guests_or_recruitment():
    assert "guest.access_plan" not in visible(answers())
    assert "guest.access_plan" in visible(answers(collab__components=["guests_in"]))


def test_b3_no_agreement_hides_the_agreement_section():
    assert "agreement" in sections(answers())
    assert "agreement" not in sections(answers(collab__agreement_status="none_planned"))


def test_b4_b5_personal_data_questions_follow_the_answers():
    assert "data.third_country" not in visible(answers(data__personal="none"))
    assert "data.transfer_basis" not in visible(answers())
    assert "data.transfer_basis" in visible(answers(data__third_country="yes"))


def test_b6_duty_of_care_needs_presence_or_outgoing_people():
    away = answers(country__physical_presence="no", collab__components=["students_in"])
    assert {"travel.devices", "students.contingency_plan"}.isdisjoint(visible(away))
    assert "students.contingency_plan" in visible(answers())


def test_b7_b8_export_items_become_mandatory_with_sensitivity():
    light = answers()
    assert "research.wmd_relevance" not in required(light)
    for change in ({"research.dual_use": "unknown"}, {"research.area": ["ca_space"]}):
        assert {"research.wmd_relevance", "research.transfer_channels"} <= required(
            {**light, **change}
        )


def test_b9_incidents_only_at_later_stages():
    assert "incidents" not in sections(answers())
    assert "incidents" in sections(answers(case__stage="mid_term"))
    assert "incidents" in sections({}, Context(EEA, (), "closing"))


def test_b10_partner_checks_mandatory_in_tier_two_or_with_register_hits():
    assert "partner.military_links" not in required(answers())
    assert "partner.military_links" in required(answers(), Context(country("XX", "T2")))
    listed = Context(EEA, (partner("university", ("named_list", "confirmed")),))
    assert "partner.state_control" in required(answers(), listed)


def test_b11_contract_research_with_a_company():
    given = answers(collab__components=["contract_research"])
    assert "ip.partner_rights" not in required(given)
    assert {"ip.partner_rights", "funding.dependency"} <= required(
        given, Context(EEA, (partner("company"),))
    )


def test_b12_every_partner_is_listed_separately():
    from screening import scoring

    two = [partner("university", ("incident", "yes")), partner("military")]
    result = scoring.score(Q, answers(), EEA, two)
    assert {c.key for c in result.ledger if c.source == "partner"} == {
        "incident",
        "kind",
    }


def test_clean_answers_drops_hidden_forged_and_invalid():
    given = answers(
        collab__agreement_status="none_planned",
        data__personal="ordinary",
        research__area=["gen_law", "forged_area"],
    )
    given |= {"forged.key": "yes", "partner.familiarity": "best_friends"}
    clean = questionnaire.clean_answers(Q, given, CTX)
    assert "agr.publication" not in clean
    assert "forged.key" not in clean
    assert "partner.familiarity" not in clean
    assert clean["research.area"] == ["gen_law"]


def test_hidden_answer_cannot_keep_a_chain_visible():
    given = answers(data__personal="none", data__third_country="yes")
    assert "data.transfer_basis" not in visible(given)


@pytest.mark.parametrize(
    ("key", "value", "error"),
    [
        ("partner.familiarity", "nope", "unknown_option"),
        ("research.area", ["gen_law", "nope"], "unknown_option"),
        ("collab.reflection", "x" * 5000, "too_long"),
        ("case.start", "2025-13-01", "bad_date"),
        ("case.country", "norway", "bad_country"),
        ("case.partner", "1; drop", "bad_partner"),
        ("research.dual_use", ["yes"], "unknown_option"),
        ("research.dual_use", "unknown", None),
        ("case.start", "2025-03-01", None),
    ],
)
def test_validate_answer(key, value, error):
    assert questionnaire.validate_answer(Q.question(key), value) == error


def test_visible_keys_are_those_of_the_clean_answers_when_a_dropped_one_returns():
    # a.x is hidden while a.y is answered, a.w while a.x is: settling drops all
    # three, and a.x and a.w come back once a.y is gone. The engine requires
    # what the clean answers show, not what the last round of settling showed.
    yes_no = "type: ynu, risk: 'yes', points: {SEC: 1}"
    q = questionnaire.load_from_text(
        definition(
            f"      - {{key: a.z, {yes_no}, text: {{nb: Z, nn: Z, en: Z}}}}\n"
            f"      - {{key: a.y, {yes_no}, text: {{nb: Y, nn: Y, en: Y}}, show_if: {{q: a.z, in: ['yes']}}}}\n"
            f"      - {{key: a.x, {yes_no}, text: {{nb: X, nn: X, en: X}}, show_if: {{not: {{answered: a.y}}}}}}\n"
            f"      - {{key: a.w, {yes_no}, text: {{nb: W, nn: W, en: W}}, show_if: {{not: {{answered: a.x}}}}}}\n"
        )
    )
    given = {"a.z": "no", "a.y": "yes", "a.x": "yes", "a.w": "yes"}
    clean, shown = questionnaire.clean_answers_and_visible(q, given, Context())
    assert shown == questionnaire.visible_keys(q, clean, Context()) == {"a.z", "a.x"}
