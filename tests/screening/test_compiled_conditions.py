"""Compiled conditions give the truth values of the tree walker (`evaluate`)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from countries.facts import AssetFacts
from countries.levels import LEVELS
from screening import questionnaire
from screening.conditions import Context, Env, evaluate, walk
from screening.questionnaire.compiled import Compiler, compiled
from tests.screening.test_scoring_properties import (
    answers_strategy,
    countries,
    partners,
)

DEFINITIONS = [
    questionnaire.load(path.stem.rsplit("-v", 1)[0], int(path.stem.rsplit("-v", 1)[1]))
    for path in questionnaire.definition_files()
]
Q = DEFINITIONS[-1]


def conditions(q):
    """Every condition of a definition, and every node inside them."""
    roots = [s.show_if for s in q.sections]
    for x in q.questions:
        roots += [x.show_if, x.required_if, x.score_if, x.advise_if]
    roots += [cond for _, cond in (*q.sensitivity, *q.actor)]
    roots += [t.when for t in q.hard_triggers] + [r.when for r in q.route_rules]
    roots += [b.when for b in q.blocking]
    roots += [r.when for r in (*q.country_flags, *q.partner_flags, *q.asset_flags)]
    nodes = [None]
    for root in roots:
        nodes += list(walk(root))
    return nodes


assets = st.lists(
    st.builds(
        lambda i, level: AssetFacts(i, f"A{i}", sensitivity=level),
        st.integers(1, 3),
        st.sampled_from(LEVELS),
    ),
    max_size=2,
)
levels = st.none() | st.fixed_dictionaries(
    {k: st.sampled_from(LEVELS) for k in ("SEC", "EXP", "DP", "AF", "REP", "overall")}
)
triggers = st.none() | st.frozensets(
    st.sampled_from([t.key for t in Q.hard_triggers]), max_size=3
)
stages = st.sampled_from(["", "new", "renewal", "mid_term"])


@settings(max_examples=120, deadline=None)
@given(answers_strategy, countries, partners, assets, stages, levels, triggers)
def test_every_condition_compiles_to_the_walkers_truth(
    answers, country, partner_list, asset_list, stage, level_map, fired
):
    for q in DEFINITIONS:
        context = Context(country, tuple(partner_list), stage, tuple(asset_list))
        compiler = compiled(q)
        walked = Env(q, answers, context, level_map, fired)
        fast = Env(q, answers, context, level_map, fired)
        for cond in conditions(q):
            assert compiler.test(cond)(fast) is evaluate(cond, walked), cond
        for name in ("sensitivity", "actor"):
            assert compiler.derived(name, Env(q, answers, context)) == walked.derived(
                name
            )


def test_a_definition_is_compiled_once_and_shared_conditions_once():
    assert compiled(Q) is compiled(Q)
    cond = Q.sections[-1].show_if
    assert compiled(Q).test(cond) is compiled(Q).test(cond)


@pytest.mark.parametrize(
    ("cond", "given"),
    [
        ({"q": "data.personal", "in": "ordinary"}, {"data.personal": "ord"}),
        ({"q": "data.personal", "in": [["x"]]}, {"data.personal": ["x"]}),
        ({"fact": "country.tier", "gte": "T1"}, {}),
        ({"fact": "case.stage", "in": ["new"]}, {"case.stage": "new"}),
        ({"q": "case.stage", "in": ["renewal"]}, {}),
        ({"q": "no.such", "tag_in": ["high"]}, {"no.such": "x"}),
        ({"derived": "sensitivity", "gte": "2"}, {"research.dual_use": "yes"}),
        ({"answered": "data.personal"}, {"data.personal": 0}),
    ],
)  # fmt: skip
def test_odd_conditions_give_the_walkers_answer(cond, given):
    """Left to the walker, or compiled with its quirks ("in" a string: a
    substring test)."""
    context = Context(stage="renewal")
    compiler = Compiler(Q)
    assert compiler.test(cond)(Env(Q, given, context)) is evaluate(
        cond, Env(Q, given, context)
    )


@pytest.mark.parametrize(
    "cond",
    [{"nope": 1}, {"fact": "partner.colour", "in": ["x"]}, {}],
)
def test_an_unknown_condition_fails_when_evaluated_as_the_walker_does(cond):
    test = Compiler(Q).test(cond)  # compiling never fails
    with pytest.raises(ValueError, match="unknown"):
        test(Env(Q, {}, Context()))
