"""The questionnaire definition as frozen dataclasses (built by `loader.py`).

Everything here is data read from one YAML file per published version; code in
`conditions.py`, `screening.questionnaire` and `screening.scoring` interprets it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from countries.levels import LEVELS as LEVELS  # re-exported for the loader

Text = Mapping[str, str]  # {"nb": "...", "nn": "...", "en": "..."}
Condition = Mapping[str, Any]  # the small condition language, see conditions.py
Points = Mapping[str, int]  # {"SEC": 3, "EXP": 2}

LANGUAGES = ("nb", "nn", "en")  # bokmål, nynorsk, English
# "assets": ids (str) of assets in the institution's value register, offered at
# run time; the assets picked reach the engine as AssetFacts (countries.facts).
QUESTION_TYPES = (
    "ynu", "choice", "multi", "text", "date", "country", "partner", "assets",
)  # fmt: skip
YNU_VALUES = ("yes", "no", "unknown")


def tr(text: Text | None, lang: str) -> str:
    """Pick the text in `lang` ("nb", "nn" or "en"), falling back to bokmål, then
    English (a result stored before nynorsk existed has no "nn" lines)."""
    if not text:
        return ""
    return text.get(lang) or text.get("nb") or text.get("en") or ""


def text_language(code: str | None) -> str:
    """The questionnaire language for a Django language code ("nn-no" -> "nn");
    bokmål for anything else that is not English."""
    code = (code or "nb").lower()
    if code.startswith("en"):
        return "en"
    return "nn" if code.startswith("nn") else "nb"


def level_index(level: str) -> int:
    if type(level) is str:  # noqa: SIM102 (the common case, by a dict)
        if (rank := _RANKS.get(level)) is not None:
            return rank
    return LEVELS.index(level)  # anything else: as LEVELS.index answers


_RANKS = {level: rank for rank, level in enumerate(LEVELS)}


@dataclass(frozen=True)
class Named:
    """Something with a key and a bilingual name: dimensions, routes, levels."""

    key: str
    name: Text
    description: Text = field(default_factory=dict)


@dataclass(frozen=True)
class Mitigation:
    key: str  # "M-EC-01"
    text: Text


@dataclass(frozen=True)
class Option:
    """One answer option. For ynu questions the loader builds yes/no/unknown.

    `points` are per dimension for choosing this option (already halved and
    rounded up for "unknown" on ynu questions, which then have `halved`); `gap`
    marks an information gap ("don't know", "not checked"; many of these score
    at full weight, like the risky answer); `routes` and `mitigations` are what choosing
    it recommends; `tags` are free labels conditions can test (research areas
    carry their sensitivity: "low", "medium", "high").
    """

    key: str
    label: Text
    points: Points = field(default_factory=dict)
    gap: bool = False
    halved: bool = False  # points are half the risky answer's ("don't know", ynu)
    routes: tuple[str, ...] = ()
    mitigations: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    rule: str = ""  # rule id in the ledger, e.g. "EXP-LIST2"

    @cached_property
    def counts(self) -> bool:
        """Whether choosing it adds anything to a result (points, a gap, a
        route or a mitigation); most answers are the harmless option."""
        return (
            self.gap
            or bool(self.routes or self.mitigations)
            or any(self.points.values())
        )


@dataclass(frozen=True)
class Question:
    key: str  # stable, e.g. "partner.military_links"
    type: str  # one of QUESTION_TYPES
    section: str
    text: Text
    help: Text = field(default_factory=dict)
    ref: str = ""  # guideline reference, e.g. "HK-dir: Eksportkontroll (2024)"
    options: tuple[Option, ...] = ()
    show_if: Condition | None = None
    required: bool = False
    required_if: Condition | None = None
    score_if: Condition | None = None  # points count only when this holds
    # While this holds the answer is advice: its mitigations are recommended
    # and it adds no points or routes (a clause missing from a draft agreement
    # goes into the agreement; once signed, the missing clause scores).
    advise_if: Condition | None = None
    cap: int | None = None  # max points per dimension from this question (multi)
    max_length: int = 2000  # text answers
    scored: bool = True  # False for metadata and reflection questions

    def option(self, key: object) -> Option | None:
        return next((o for o in self.options if o.key == key), None)

    # Definitions are frozen and cached per version, so what is derived from
    # them is worked out once (cached_property writes the instance __dict__,
    # which a frozen dataclass allows); scoring reads these for every answer.
    @cached_property
    def option_keys(self) -> tuple[str, ...]:
        return tuple(o.key for o in self.options)

    @cached_property
    def counting_options(self) -> tuple[Option, ...]:
        """The options that add anything to a result (see `Option.counts`)."""
        return tuple(o for o in self.options if o.counts)

    @cached_property
    def counting_keys(self) -> frozenset[str]:
        return frozenset(o.key for o in self.counting_options)


@dataclass(frozen=True)
class Section:
    key: str
    title: Text
    intro: Text
    questions: tuple[Question, ...]
    show_if: Condition | None = None


@dataclass(frozen=True)
class HardTrigger:
    """A hard trigger: when `when` holds, each floor applies and routes are due."""

    key: str  # "HT-04"
    name: Text
    when: Condition
    floors: Mapping[str, str]  # dimension -> minimum level
    overall_floor: str | None = None
    routes: tuple[str, ...] = ()
    mitigations: tuple[str, ...] = ()
    ref: str = ""


@dataclass(frozen=True)
class Blocking:
    """A blocking unknown (HT-U): the answer keeps the result incomplete."""

    key: str  # "HT-U-EXP"
    question: str
    values: tuple[str, ...]
    name: Text
    when: Condition | None = None  # may test levels ({"level": "EXP", ...})
    routes: tuple[str, ...] = ()


@dataclass(frozen=True)
class RouteRule:
    """A route that is due when `when` holds (may test levels and triggers)."""

    route: str
    when: Condition
    rule: str = ""


@dataclass(frozen=True)
class FlagRule:
    """Points for a country or partner fact value (the flags: countries.facts)."""

    flag: str  # "sanctions_regime", or "kind" for the partner type
    value: str
    points: Points
    rule: str
    ref: str = ""
    when: Condition | None = None
    label: Text = field(default_factory=dict)  # "Sanctions regime: comprehensive"


@dataclass(frozen=True)
class Questionnaire:
    id: str
    version: int
    title: Text
    sections: tuple[Section, ...]
    dimensions: tuple[Named, ...]
    levels: tuple[Named, ...]
    bands: tuple[tuple[int, str], ...]  # (minimum points, level), ascending
    caps: Mapping[str, int]  # "country" / "partner" -> max points per dimension
    matrix: tuple[tuple[str, ...], ...]  # [S][A] -> level
    matrix_dimensions: tuple[str, ...]
    sensitivity: tuple[tuple[int, Condition], ...]  # (S, condition), highest first
    actor: tuple[tuple[int, Condition], ...]  # (A, condition), highest first
    hard_triggers: tuple[HardTrigger, ...]
    blocking: tuple[Blocking, ...]
    routes: tuple[Named, ...]
    route_rules: tuple[RouteRule, ...]
    mitigations: tuple[Mitigation, ...]
    country_flags: tuple[FlagRule, ...]
    partner_flags: tuple[FlagRule, ...]
    escalation: int = 2  # dimensions at High or above that raise overall a step
    # The matrix floor is one finding laid on several dimensions: when true,
    # the dimensions it alone lifts to High count once towards `escalation`.
    matrix_escalates_once: bool = False
    # {dimension: S}: the matrix floor applies to that dimension only from
    # research sensitivity S (no knowledge to control, no export-control floor).
    matrix_min_sensitivity: Mapping[str, int] = field(default_factory=dict)
    checked_on: Mapping[str, str] = field(default_factory=dict)
    notes: Mapping[str, Text] = field(default_factory=dict)
    # Points for a picked register asset by its sensitivity (flag "sensitivity").
    asset_flags: tuple[FlagRule, ...] = ()

    def section(self, key: str) -> Section | None:
        return next((s for s in self.sections if s.key == key), None)

    def question(self, key: str) -> Question | None:
        return self.questions_by_key.get(key)

    @cached_property
    def questions(self) -> tuple[Question, ...]:
        return tuple(q for s in self.sections for q in s.questions)

    @cached_property
    def questions_by_key(self) -> Mapping[str, Question]:
        return {q.key: q for q in self.questions}

    @cached_property
    def asset_questions(self) -> tuple[Question, ...]:
        """The questions that pick value-register assets."""
        return tuple(q for q in self.questions if q.type == "assets")

    def mitigation(self, key: str) -> Mitigation | None:
        return next((m for m in self.mitigations if m.key == key), None)

    def hard_trigger(self, key: str) -> HardTrigger | None:
        return next((t for t in self.hard_triggers if t.key == key), None)

    def routes_by_key(self) -> dict[str, Text]:
        return {r.key: r.name for r in self.routes}

    def mitigations_by_key(self) -> dict[str, Text]:
        return {m.key: m.text for m in self.mitigations}

    def level_name(self, level: str, lang: str) -> str:
        return _name(self.levels, level, lang)

    def dimension_name(self, key: str, lang: str) -> str:
        return _name(self.dimensions, key, lang)

    def route_name(self, key: str, lang: str) -> str:
        return _name(self.routes, key, lang)

    def band(self, points: int) -> str:
        level = self.bands[0][1]
        for minimum, name in self.bands:
            if points >= minimum:
                level = name
        return level


def _name(items: tuple[Named, ...], key: str, lang: str) -> str:
    item = next((i for i in items if i.key == key), None)
    return tr(item.name, lang) if item else key
