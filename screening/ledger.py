"""The explanation ledger as a researcher reads it: each reason once, ranked.

The stored ledger has one line per dimension a rule touches, so one answer
that counts for security, export control and reputation is three lines. A
page that lists them under each dimension repeats the answer three times.
`reasons` joins such lines into one `Reason` with its effect on each
dimension, and files it under the dimension where it weighs most. The three
heaviest reasons open the summary page. No Django here: it reads the stored
result only.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from screening.questionnaire.model import LEVELS
from screening.scoring.result import plain_explanation

ARROW = "\u2192"
FLOOR_SOURCES = ("trigger", "matrix")


@dataclass
class Effect:
    dimension: str
    text: str  # "+5 poeng", "minst Høy"


@dataclass
class Reason:
    anchor: str
    text: str  # in words, without internal codes
    ref: str  # the internal code or guideline, shown small
    source: str
    home: str  # the dimension it is listed under
    weight: int
    effects: list[Effect] = field(default_factory=list)
    line: Mapping[str, Any] = field(default_factory=dict)  # the first, for sources

    @property
    def sets_minimum(self) -> bool:
        return self.source in FLOOR_SOURCES


def reasons(ledger: Iterable[Mapping[str, Any]], lang: str) -> list[Reason]:
    """Every distinct reason of the ledger, heaviest first.

    Minimum levels of hard triggers weigh more than any points, the higher
    the level the more; then points, summed over dimensions. The sensitivity
    matrix comes last: its level follows from answers that are listed too.
    """
    grouped: dict[tuple[str, ...], list[Mapping[str, Any]]] = {}
    for line in ledger:
        key = tuple(
            str(line.get(k) or "")
            for k in ("source", "key", "value", "partner", "asset")
        )
        grouped.setdefault(key, []).append(line)
    out = []
    for number, lines in enumerate(grouped.values(), start=1):
        first = lines[0]
        text, _effect = _split(plain_explanation(first, lang))
        code = str(first.get("key") or "")
        if first.get("source") in FLOOR_SOURCES and text.startswith(code + " "):
            text = text[len(code) + 1 :]  # "HT-04 Dual use ..." -> "Dual use ..."
        heaviest = max(lines, key=_weight)
        out.append(
            Reason(
                anchor=f"why-{number}",
                text=text,
                ref=code if first.get("source") in FLOOR_SOURCES else "",
                source=str(first.get("source") or ""),
                home=str(heaviest.get("dimension") or ""),
                weight=sum(_weight(line) for line in lines),
                effects=[
                    Effect(
                        str(line.get("dimension") or ""),
                        _split(plain_explanation(line, lang))[1],
                    )
                    for line in lines
                ],
                line=first,
            )
        )
    out.sort(key=lambda r: -r.weight)
    return out


def _weight(line: Mapping[str, Any]) -> int:
    if line.get("source") == "matrix":
        return 1  # derived from the answers listed beside it; they say more
    if line.get("source") in FLOOR_SOURCES:
        level = str(line.get("value") or "")
        rank = LEVELS.index(level) if level in LEVELS else 0
        return 1000 * (rank + 1)
    return int(line.get("points") or 0)


def _split(explanation: str) -> tuple[str, str]:
    """("reason in words", "effect") from "reason → effect"."""
    text, arrow, effect = explanation.rpartition(f" {ARROW} ")
    if not arrow:
        return explanation, ""
    return text, effect
