"""The calibration table: realistic cases with the level and routes a contact
point expects, run through the real engine.

Pure Python (no Django imports). `cases.yaml` beside this file holds the cases;
each answers only what differs from the table's `defaults`, and every other
visible question gets its calm answer (the first option that adds nothing).
The expectations were written as a contact point would before the engine was
run; tests/screening/test_calibration.py runs every case with the country facts
loaded from fixtures/ and fails on any case that comes out otherwise, so a
change that moves a case fails until the table is updated on purpose.
`pending_country_facts` lists the cases that still differ only because country
facts they depend on are not yet in the data; the test asserts that list is
exactly the set that differs, so it cannot hide a new difference.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from countries.facts import CountryFacts, Fact, PartnerFacts
from screening import questionnaire as qn
from screening.scoring import score

CASES = Path(__file__).with_name("cases.yaml")
FLAG_VALUES = {
    "named_list": "confirmed",
    "sanctions_list": "confirmed",
    "incident": "yes",
}
SOURCE = "Calibration table"
INCOMPLETE = "incomplete"


@dataclass(frozen=True)
class Case:
    id: str
    title: str
    country: str
    partner: PartnerFacts
    answers: Mapping[str, object]
    level: str  # overall level, or "incomplete"
    routes: frozenset[str]
    why: str


@dataclass(frozen=True)
class Table:
    cases: tuple[Case, ...]
    pending: frozenset[str]  # ids still waiting for country facts


@dataclass(frozen=True)
class Outcome:
    level: str
    routes: frozenset[str]


def load(path: Path = CASES) -> Table:
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    defaults = raw.get("defaults") or {}
    cases = []
    for item in raw["cases"]:
        partner = item.get("partner") or {}
        flags = tuple(
            Fact(flag, FLAG_VALUES[flag], SOURCE) for flag in partner.get("flags", ())
        )
        expect = item["expect"]
        cases.append(
            Case(
                id=item["id"],
                title=item["title"],
                country=item["country"],
                partner=PartnerFacts(
                    None,
                    partner.get("name", item["title"]),
                    item["country"],
                    partner.get("kind", "university"),
                    flags,
                ),
                answers={**defaults, **(item.get("answers") or {})},
                level=expect["level"],
                routes=frozenset(expect.get("routes") or ()),
                why=item["why"],
            )
        )
    return Table(tuple(cases), frozenset(raw.get("pending_country_facts") or ()))


def calm(question: qn.Question) -> object | None:
    """The first option that adds nothing to a result (None for free text)."""
    if question.type not in ("choice", "ynu", "multi"):
        return None
    quiet = [o for o in question.options if not o.counts] or [
        o for o in question.options if not o.gap
    ]
    return [quiet[0].key] if question.type == "multi" else quiet[0].key


def answers_for(
    q: qn.Questionnaire, case: Case, context: qn.Context
) -> dict[str, object]:
    """The case's answers, with a calm answer to every other visible question."""
    answers = dict(case.answers)
    for _ in range(10):
        visible = qn.visible_keys(q, answers, context)
        missing = [k for k in visible if k not in answers and q.question(k)]
        filled = {k: calm(q.question(k)) for k in missing}
        filled = {k: v for k, v in filled.items() if v is not None}
        if not filled:
            break
        answers.update(filled)
    return answers


def run(q: qn.Questionnaire, case: Case, country: CountryFacts) -> Outcome:
    stage = str(case.answers.get("case.stage", "new"))
    context = qn.Context(country, (case.partner,), stage)
    result = score(q, answers_for(q, case, context), country, [case.partner])
    level = result.overall if result.status == "complete" else INCOMPLETE
    return Outcome(str(level), frozenset(r.key for r in result.routes))


def differences(
    q: qn.Questionnaire, cases: Sequence[Case], countries: Mapping[str, CountryFacts]
) -> dict[str, str]:
    """{case id: what came out instead} for every case that does not hold."""
    out: dict[str, str] = {}
    for case in cases:
        got = run(q, case, countries[case.country])
        if (got.level, got.routes) != (case.level, case.routes):
            out[case.id] = describe(case, got)
    return out


def describe(case: Case, got: Outcome) -> str:
    def routes(keys: Any) -> str:
        return ", ".join(sorted(keys)) or "none"

    return (
        f"{case.id}: expected {case.level} [{routes(case.routes)}], "
        f"got {got.level} [{routes(got.routes)}] ({case.title})"
    )
