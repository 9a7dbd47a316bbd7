"""A result's canonical text, put together from its parts, is json.dumps's."""

from __future__ import annotations

from dataclasses import replace

from hypothesis import given, settings

from screening import scoring
from screening.scoring import canonical
from screening.scoring.canonical import canonical_text
from screening.scoring.result import Contribution, DimensionResult, Item, Result
from screening.scoring.stored import canonical as dumped
from tests.screening.answers import EXCHANGE, Q, country, partner
from tests.screening.test_scoring_properties import (
    answers_strategy,
    countries,
    partners,
)


@settings(max_examples=80, deadline=None)
@given(answers_strategy, countries, partners)
def test_the_text_of_a_score_is_the_text_of_its_json(answers, country, partner_list):
    result = scoring.score(Q, answers, country, partner_list)
    assert canonical_text(result) == dumped(result.to_json())


def test_a_result_read_back_has_the_same_text():
    result = scoring.score(
        Q,
        EXCHANGE,
        country("CN", "T3"),
        [partner("military", ("named_list", "confirmed"))],
    )
    again = Result.from_json(result.to_json())  # nothing in it is shared
    assert canonical_text(again) == canonical_text(result)
    assert canonical_text(again) == dumped(result.to_json())


def test_odd_values_are_encoded_as_json_dumps_does():
    line = Contribution(
        dimension="SEC",
        source="answer",
        key='k\u00e6"',
        value="v",
        points=0,
        rule="",
        explanation={"nb": "\u2192 \U0001f600", "en": "x"},
        raw_points=0,  # left out like False
        gap=True,
        fact_detail=1.5,  # type: ignore[arg-type]
    )
    result = Result(
        questionnaire_id="q",
        questionnaire_version=2,
        status="incomplete",
        overall=None,
        overall_computed="high",
        escalated=False,
        sensitivity=True,  # type: ignore[arg-type]
        actor=3,
        dimensions=(DimensionResult("SEC", 0, "low", None, "low", {"en": "S"}),),
        ledger=(line, replace(line, raw_points=4, points=2, gap=False)),
        floors=(),
        hard_triggers=(Item("HT", {"nb": "\u00f8"}, {"b": [1, None], "a": "x"}),),
        routes=(),
        gaps=(),
        blocking=(),
        mitigations=(),
    )
    assert canonical_text(result) == dumped(result.to_json())


def test_shared_values_are_built_once_and_forgotten_together(monkeypatch):
    monkeypatch.setattr(canonical, "LIMIT", 3)
    canonical._VALUES.clear()
    canonical._TEXTS.clear()
    built = []

    def build(n):
        def item():
            built.append(n)
            return Item(f"K{n}", {"en": f"{n}"})

        return item

    first = canonical.shared(Q, ("test", 1), build(1))
    assert canonical.shared(Q, ("test", 1), build(1)) is first
    assert canonical.is_shared(first)
    for n in (2, 3, 4):  # the fourth empties the cache
        canonical.shared(Q, ("test", n), build(n))
    assert not canonical.is_shared(first)
    assert canonical.shared(Q, ("test", 1), build(1)) is not first
    assert built == [1, 2, 3, 4, 1]
    result = scoring.score(Q, EXCHANGE, country("CN", "T3"), [])  # still right
    assert canonical_text(result) == dumped(result.to_json())
