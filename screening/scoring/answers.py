"""What an answer adds to a result, worked out once per definition.

An option that counts (`Option.counts`) adds the same things to every case
that chooses it: an information gap, ledger lines, routes and mitigations,
each with the same reason ("question=option"). `counted(q, clean)` finds the
answers that choose such an option, in definition order, with those effects
ready; the engine only decides, per case, whether `score_if` and `advise_if`
let them count.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import NamedTuple

from screening.questionnaire.compiled import Test, compiled
from screening.questionnaire.model import Option, Question, Questionnaire
from screening.scoring.canonical import once, shared
from screening.scoring.lines import answer_line
from screening.scoring.result import Contribution, Item


class Effects(NamedTuple):
    """What choosing one counting option adds."""

    gap: Item | None  # the information gap of a "don't know" option
    why: str  # "question=option", the reason of its routes and mitigations
    lines: tuple[Contribution, ...]  # a line per dimension it gives points
    routes: tuple[str, ...]
    mitigations: tuple[str, ...]


class Counting(NamedTuple):
    """A scored question with options that count, and what they add."""

    place: int  # its place in the definition
    question: Question
    options: tuple[tuple[str, Effects], ...]  # (option key, effects), in order
    by_key: Mapping[str, tuple[Effects, ...]]  # the same, by option key
    score_if: Test | None
    advise_if: Test | None


def counted(
    q: Questionnaire, clean: Mapping[str, object]
) -> list[tuple[Counting, tuple[Effects, ...]]]:
    """The clean answers that chose an option that counts (most choose none),
    in definition order, with the effects of the options they chose."""
    table = _table(q)
    found = []
    for key, value in clean.items():
        entry = table.get(key)
        if entry is None:
            continue
        if type(value) is str:
            chosen = entry.by_key.get(value)
            if chosen:
                found.append((entry.place, entry, chosen))
        elif isinstance(value, list):
            if any(k in entry.by_key for k in value):
                options = tuple(fx for k, fx in entry.options if k in value)
                found.append((entry.place, entry, options))
        elif value in entry.question.counting_keys:  # a str subclass
            options = tuple(fx for k, fx in entry.options if k in [value])
            found.append((entry.place, entry, options))
    found.sort(key=_first)
    return [(entry, options) for _, entry, options in found]


def _first(item: tuple[int, Counting, tuple[Effects, ...]]) -> int:
    return item[0]


def _table(q: Questionnaire) -> dict[str, Counting]:
    return once(q, ("counting",), lambda: _build(q))


def _build(q: Questionnaire) -> dict[str, Counting]:
    tests = compiled(q).question_tests
    table = {}
    for index, question in enumerate(q.questions):
        if not (question.scored and question.counting_keys):
            continue
        options = tuple(
            (option.key, _effects(q, question, option))
            for option in question.counting_options
        )
        by_key: dict[str, tuple[Effects, ...]] = {}
        for key, effects in options:
            by_key[key] = (*by_key.get(key, ()), effects)
        _, score_if, advise_if = tests[question.key]
        table[question.key] = Counting(
            index, question, options, by_key, score_if, advise_if
        )
    return table


def _effects(q: Questionnaire, question: Question, option: Option) -> Effects:
    gap = None
    if option.gap:
        gap = shared(
            q,
            ("gap", id(question), id(option)),
            lambda: Item(
                question.key, question.text, {"reason": "unknown", "value": option.key}
            ),
        )
    return Effects(
        gap,
        f"{question.key}={option.key}",
        tuple(
            answer_line(q, question, option, dim, points)
            for dim, points in option.points.items()
            if points
        ),
        tuple(option.routes),
        tuple(option.mitigations),
    )
