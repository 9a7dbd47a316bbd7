"""Properties of the engine over arbitrary answers and facts (hypothesis)."""

from __future__ import annotations

import json

from hypothesis import given, settings
from hypothesis import strategies as st

from countries.facts import TIERS, CountryFacts, Fact, PartnerFacts
from screening import questionnaire, scoring
from screening.conditions import Context, referenced_questions
from screening.questionnaire.model import level_index
from tests.screening.answers import Q

FLAGS = {
    "sanctions_regime": ["none", "targeted", "sectoral", "comprehensive"],
    "threat_assessment_named": ["not_assessed", "no", "mentioned", "main_actor"],
    "academic_freedom_band": ["high", "medium", "low", "very_low"],
    "gdpr_adequacy": ["eea", "adequate", "not_adequate"],
    "travel_advice": ["normal", "caution", "against_non_essential", "against_all"],
    "state_data_access_laws": ["no", "yes"],
}
# Questions no condition reads: answering them cannot hide anything else.
READ = set().union(
    *(referenced_questions(s.show_if) for s in Q.sections),
    *(referenced_questions(q.show_if) for q in Q.questions),
)
LEAVES = [q for q in Q.questions if q.key not in READ and q.scored and q.options]


def value_for(question):
    keys = list(question.option_keys)
    if question.type == "multi":
        return st.lists(st.sampled_from(keys), max_size=4, unique=True)
    if question.type in ("ynu", "choice"):
        return st.sampled_from(keys)
    return st.text(max_size=20)


answers_strategy = st.fixed_dictionaries(
    {},
    optional={
        **{q.key: value_for(q) for q in Q.questions},
        "forged.key": st.text(max_size=5),
    },
)
countries = st.none() | st.builds(
    lambda tier, values: CountryFacts(
        "XX", "X", tier, tuple(Fact(k, v, "src", "2024") for k, v in values.items())
    ),
    st.sampled_from(TIERS),
    st.fixed_dictionaries({k: st.sampled_from(v) for k, v in FLAGS.items()}),
)
partners = st.lists(
    st.builds(
        lambda kind, flags: PartnerFacts(
            1, "P", "XX", kind, tuple(Fact(f, v, "list", "2025") for f, v in flags)
        ),
        st.sampled_from(["university", "company", "military"]),
        st.lists(
            st.sampled_from(
                [
                    ("named_list", "confirmed"),
                    ("sanctions_list", "confirmed"),
                    ("incident", "yes"),
                ]
            ),
            max_size=3,
        ),
    ),
    max_size=2,
)
FAST = settings(max_examples=60, deadline=None)


@FAST
@given(answers_strategy, countries, partners)
def test_engine_never_fails_and_every_point_is_in_the_ledger(
    answers, country, partner_list
):
    result = scoring.score(Q, answers, country, partner_list)
    for dim in result.dimensions:
        assert dim.points == sum(c.points for c in result.lines(dim.key))
        assert level_index(dim.level) >= level_index(dim.band)
    assert (result.overall is None) == (result.status == "incomplete")


@FAST
@given(answers_strategy, countries, partners)
def test_hidden_questions_never_contribute(answers, country, partner_list):
    context = Context(country, tuple(partner_list))
    visible = questionnaire.visible_keys(Q, answers, context)
    result = scoring.score(Q, answers, country, partner_list)
    assert all(c.key in visible for c in result.ledger if c.source == "answer")
    clean = questionnaire.clean_answers(Q, answers, context)
    assert scoring.score(Q, clean, country, partner_list) == result


@FAST
@given(answers_strategy, countries, partners, st.sampled_from(LEAVES))
def test_adding_a_risk_answer_never_lowers_a_level(
    answers, country, partner_list, question
):
    riskiest = max(question.options, key=lambda o: sum(o.points.values()))
    value = [riskiest.key] if question.type == "multi" else riskiest.key
    before = scoring.score(Q, {**answers, question.key: None}, country, partner_list)
    after = scoring.score(Q, {**answers, question.key: value}, country, partner_list)
    for old, new in zip(before.dimensions, after.dimensions, strict=True):
        assert level_index(new.level) >= level_index(old.level)
    assert level_index(after.overall_computed) >= level_index(before.overall_computed)


@FAST
@given(answers_strategy, countries, partners)
def test_stored_json_reads_back_to_the_same_result(answers, country, partner_list):
    result = scoring.score(Q, answers, country, partner_list)
    stored = json.loads(json.dumps(result.to_json()))
    assert scoring.Result.from_json(stored) == result
    assert scoring.score(Q, answers, country, partner_list) == result


@FAST
@given(answers_strategy, countries, partners)
def test_unanswered_are_the_required_questions_of_the_clean_answers(
    answers, country, partner_list
):
    context = Context(country, tuple(partner_list))
    clean = questionnaire.clean_answers(Q, answers, context)
    required = questionnaire.required_questions(Q, clean, context)
    expected = [
        q.key for q in required if not questionnaire.is_answered(clean.get(q.key))
    ]
    result = scoring.score(Q, answers, country, partner_list)
    assert [
        g.key for g in result.gaps if g.detail["reason"] == "unanswered"
    ] == expected
