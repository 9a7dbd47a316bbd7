"""The stored result of scoring, and its JSON form (see the package docstring)."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

Text = Mapping[str, str]


@dataclass(frozen=True)
class Contribution:
    """One ledger line: why a dimension got points, a floor or a trigger."""

    dimension: str
    source: str  # "answer" | "country" | "partner" | "asset" | "matrix" | "trigger"
    key: str  # question key, flag key, "S2xA3" or trigger key
    value: str  # answer value / option key, fact value, level of a floor
    points: int
    rule: str
    ref: str = ""
    explanation: Text = field(default_factory=dict)
    raw_points: int | None = None  # before a cap, when a cap cut the points
    fact_source: str = ""
    fact_edition: str = ""
    fact_licence: str = ""
    fact_detail: str = ""
    partner: str = ""  # partner name for partner contributions
    asset: str = ""  # register asset name for asset contributions
    gap: bool = False  # "don't know" / "not checked": an open information gap

    def to_json(self) -> dict[str, Any]:
        data = {k: v for k, v in self.__dict__.items() if v not in ("", None, False)}
        data.update(dimension=self.dimension, points=self.points, source=self.source)
        data["explanation"] = dict(self.explanation)
        return data

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Contribution:
        return cls(**{**data, "explanation": dict(data.get("explanation", {}))})


@dataclass(frozen=True)
class DimensionResult:
    key: str  # "AF", "SEC", "EXP", "DP", "REP"
    points: int
    band: str  # level from the points alone
    floor: str | None  # highest floor (matrix or hard trigger), if any
    level: str  # max(band, floor)
    name: Text = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        return {**self.__dict__, "name": dict(self.name)}

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> DimensionResult:
        return cls(**{**data, "name": dict(data.get("name", {}))})


@dataclass(frozen=True)
class Item:
    """A keyed item with texts: a fired trigger, a route, a gap, a mitigation,
    a blocking unknown or a floor. `detail` holds item-specific extras."""

    key: str
    text: Text = field(default_factory=dict)
    detail: Mapping[str, Any] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        return {"key": self.key, "text": dict(self.text), "detail": dict(self.detail)}

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Item:
        return cls(
            data["key"], dict(data.get("text", {})), dict(data.get("detail", {}))
        )


@dataclass(frozen=True)
class Result:
    questionnaire_id: str
    questionnaire_version: int
    status: str  # "complete" | "incomplete"
    overall: str | None  # level key, None when incomplete
    overall_computed: str  # the level it would have, shown as "provisional"
    escalated: bool
    sensitivity: int  # S, 0-3
    actor: int  # A, 0-3
    dimensions: tuple[DimensionResult, ...]
    ledger: tuple[Contribution, ...]
    floors: tuple[Item, ...]
    hard_triggers: tuple[Item, ...]
    routes: tuple[Item, ...]
    gaps: tuple[Item, ...]
    blocking: tuple[Item, ...]
    mitigations: tuple[Item, ...]

    def dimension(self, key: str) -> DimensionResult | None:
        return next((d for d in self.dimensions if d.key == key), None)

    def level(self, key: str) -> str | None:
        dim = self.dimension(key)
        return dim.level if dim else None

    def lines(self, dimension: str) -> tuple[Contribution, ...]:
        return tuple(c for c in self.ledger if c.dimension == dimension)

    @property
    def complete(self) -> bool:
        return self.status == "complete"

    def to_json(self) -> dict[str, Any]:
        items = ("floors", "hard_triggers", "routes", "gaps", "blocking", "mitigations")
        data: dict[str, Any] = {
            "questionnaire": {
                "id": self.questionnaire_id,
                "version": self.questionnaire_version,
            },
            "status": self.status,
            "overall": self.overall,
            "overall_computed": self.overall_computed,
            "escalated": self.escalated,
            "sensitivity": self.sensitivity,
            "actor": self.actor,
            "dimensions": [d.to_json() for d in self.dimensions],
            "ledger": [c.to_json() for c in self.ledger],
        }
        for name in items:
            data[name] = [i.to_json() for i in getattr(self, name)]
        return data

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Result:
        items = ("floors", "hard_triggers", "routes", "gaps", "blocking", "mitigations")
        return cls(
            questionnaire_id=data["questionnaire"]["id"],
            questionnaire_version=int(data["questionnaire"]["version"]),
            status=data["status"],
            overall=data["overall"],
            overall_computed=data["overall_computed"],
            escalated=bool(data["escalated"]),
            sensitivity=int(data["sensitivity"]),
            actor=int(data["actor"]),
            dimensions=tuple(DimensionResult.from_json(d) for d in data["dimensions"]),
            ledger=tuple(Contribution.from_json(c) for c in data["ledger"]),
            **{name: tuple(Item.from_json(i) for i in data[name]) for name in items},
        )


POINT_WORDS = {
    "nb": ("poeng", "poeng"),
    "nn": ("poeng", "poeng"),
    "en": ("point", "points"),
}


def pick(text: Mapping[str, str], lang: str) -> str:
    """A stored text in `lang`. A result stored before nynorsk existed has no
    "nn": nynorsk readers get the bokmål, the others English, then bokmål."""
    if lang == "nn":
        return text.get("nn") or text.get("nb") or text.get("en") or ""
    return text.get(lang) or text.get("en") or text.get("nb") or ""


def plain_explanation(line: Mapping[str, Any], lang: str) -> str:
    """A stored ledger line's explanation for people, read under its dimension.

    The stored text ends in the dimension code ("→ +2 SEC", "→ minst Høy SEC")
    so that it stands alone; on a page grouped by dimension the code says
    nothing, so it becomes "→ +2 poeng" and "→ minst Høy".
    """
    text = line.get("explanation") or {}
    if isinstance(text, Mapping):
        text = pick(text, lang)
    dim = re.escape(str(line.get("dimension", "")))
    if not dim:
        return str(text)
    one, many = POINT_WORDS.get(lang, POINT_WORDS["en"])

    def points(match: re.Match[str]) -> str:
        n = int(match.group(2))
        return f"{match.group(1)}{n} {one if n == 1 else many}"

    text = re.sub(rf"(\u2192 \+)(\d+) {dim}\b", points, str(text))
    return re.sub(rf"(\u2192 [^\u2192]*) {dim}$", r"\1", text)
