"""The strict loader: YAML text -> Questionnaire, or a DefinitionError naming the
key and the problem (unknown keys, missing references, cycles, missing
translations, duplicate keys, points on unknown dimensions).

Every text needs bokmål, nynorsk and English. A text may carry all three
inline; a language added after a version was published comes from the overlay
file beside it (`<id>-v<N>.<lang>.yaml`, see overlay.py), merged before the
checks, so a text without nynorsk is refused either way."""

from __future__ import annotations

import csv
import math
import re
from collections.abc import Mapping
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from screening import conditions
from screening.questionnaire import checks, overlay
from screening.questionnaire.checks import DefinitionError
from screening.questionnaire.model import (
    LANGUAGES,
    LEVELS,
    QUESTION_TYPES,
    YNU_VALUES,
    Condition,
    Mitigation,
    Named,
    Option,
    Question,
    Questionnaire,
    Section,
    Text,
)
from screening.questionnaire.rules import RuleParsing, _list

DEFINITIONS = Path(__file__).resolve().parents[1] / "questionnaires"
RESEARCH_AREAS = Path(__file__).resolve().parents[2] / "fixtures" / "research_areas.csv"
YNU_LABELS: dict[str, Text] = {
    "yes": {"nb": "Ja", "nn": "Ja", "en": "Yes"},
    "no": {"nb": "Nei", "nn": "Nei", "en": "No"},
    "unknown": {"nb": "Vet ikke", "nn": "Veit ikkje", "en": "Don't know"},
}
DEFINITION_NAME = re.compile(r"^[a-z0-9_]+(-[a-z0-9_]+)*-v[0-9]+\.yaml$")


TOP = {
    "id", "version", "title", "checked_on", "notes", "levels", "dimensions",
    "bands", "caps", "escalation", "matrix", "sensitivity", "actor", "routes",
    "route_rules", "mitigations", "hard_triggers", "blocking", "country_flags",
    "partner_flags", "sections", "asset_flags",
}  # fmt: skip
SECTION = {"key", "title", "intro", "show_if", "questions"}
QUESTION = {
    "key", "type", "text", "help", "ref", "options", "options_from", "show_if",
    "required", "required_if", "score_if", "advise_if", "cap", "max_length",
    "scored", "risk", "points", "rule", "routes", "mitigations", "tag_points",
}  # fmt: skip
OPTION = {"key", "label", "points", "gap", "routes", "mitigations", "tags", "rule"}


def definition_files() -> list[Path]:
    """The published definitions (not their overlays)."""
    return sorted(
        p for p in DEFINITIONS.glob("*-v*.yaml") if DEFINITION_NAME.match(p.name)
    )


@cache
def load(questionnaire_id: str, version: int) -> Questionnaire:
    """The published definition `<id>-v<version>.yaml` (cached)."""
    path = DEFINITIONS / f"{questionnaire_id}-v{int(version)}.yaml"
    if not path.is_file():
        raise DefinitionError(f"no questionnaire {questionnaire_id!r} v{version}")
    return load_file(path)


def load_file(path: Path) -> Questionnaire:
    """A definition file with its translation overlays."""
    overlays = {
        lang: side.read_text(encoding="utf-8")
        for lang, side in overlay.files_beside(path, LANGUAGES).items()
    }
    return load_from_text(path.read_text(encoding="utf-8"), overlays)


@cache
def research_areas() -> tuple[Option, ...]:
    """The research-area vocabulary from fixtures/research_areas.csv, as options
    tagged with their sensitivity (low / medium / high)."""
    with RESEARCH_AREAS.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    return tuple(
        Option(
            key=row["key"],
            label={lang: row[f"label_{lang}"] for lang in LANGUAGES},
            tags=(row["sensitivity"],),
        )
        for row in rows
    )


def load_from_text(
    text: str, overlays: Mapping[str, str] | None = None
) -> Questionnaire:
    """Parse and check a definition, with `overlays` ({language: overlay YAML})
    merged in first; raises DefinitionError on any problem."""
    try:
        raw = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise DefinitionError(f"not valid YAML: {exc}") from exc
    if not isinstance(raw, dict):
        raise DefinitionError("the definition must be a mapping")
    for lang, overlay_text in (overlays or {}).items():
        if lang not in LANGUAGES:
            raise DefinitionError(f"overlay for unknown language {lang!r}")
        overlay.merge(raw, overlay.parse(overlay_text, f"{lang} overlay"), lang)
    return _Builder(raw).build()


class _Builder(RuleParsing):
    def __init__(self, raw: dict[str, Any]) -> None:
        self.raw = raw
        self.dims: set[str] = set()

    def fail(self, message: str) -> None:
        raise DefinitionError(message)

    def keys(self, data: object, allowed: set[str], where: str) -> dict[str, Any]:
        if not isinstance(data, dict):
            self.fail(f"{where}: expected a mapping, got {data!r}")
        assert isinstance(data, dict)
        unknown = sorted(set(data) - allowed)
        if unknown:
            self.fail(f"{where}: unknown key(s) {', '.join(map(str, unknown))}")
        return data

    def text(self, data: object, where: str, *, optional: bool = False) -> Text:
        if data is None and optional:
            return {}
        if not isinstance(data, dict):
            self.fail(f"{where}: needs a text in {', '.join(LANGUAGES)}")
        assert isinstance(data, dict)
        for lang in LANGUAGES:
            if not isinstance(data.get(lang), str) or not data[lang].strip():
                self.fail(f"{where}: missing the {lang} text")
        extra = set(data) - set(LANGUAGES)
        if extra:
            self.fail(f"{where}: unknown language(s) {sorted(extra)}")
        return {lang: data[lang].strip() for lang in LANGUAGES}

    def points(self, data: object, where: str) -> dict[str, int]:
        if data is None:
            return {}
        if not isinstance(data, dict):
            self.fail(f"{where}: points must map dimension to a whole number")
        assert isinstance(data, dict)
        for dim, value in data.items():
            if dim not in self.dims:
                self.fail(f"{where}: points on unknown dimension {dim!r}")
            if not isinstance(value, int) or isinstance(value, bool) or value < 0:
                self.fail(f"{where}: points for {dim} must be a whole number >= 0")
        return dict(data)

    def cond(self, data: object, where: str) -> Condition | None:
        if data is None:
            return None
        problems = conditions.check(data, where)
        if problems:
            self.fail(problems[0])
        assert isinstance(data, dict)
        return data

    def level(self, value: object, where: str) -> str:
        if value not in LEVELS:
            self.fail(f"{where}: unknown level {value!r}")
        return str(value)

    def named(self, items: object, where: str, text_key: str = "name") -> list[Named]:
        out: list[Named] = []
        for i, item in enumerate(_list(items)):
            data = self.keys(item, {"key", text_key, "description"}, f"{where}[{i}]")
            key = str(data.get("key", ""))
            if not key:
                self.fail(f"{where}[{i}]: missing key")
            if key in {n.key for n in out}:
                self.fail(f"{where}: duplicate key {key!r}")
            out.append(
                Named(
                    key=key,
                    name=self.text(data.get(text_key), f"{where} {key!r}"),
                    description=self.text(
                        data.get("description"), f"{where} {key!r}", optional=True
                    ),
                )
            )
        return out

    def build(self) -> Questionnaire:
        raw = self.keys(self.raw, TOP, "definition")
        for required in ("id", "version", "levels", "dimensions", "sections"):
            if required not in raw:
                self.fail(f"definition: missing {required!r}")
        levels = self.named(raw["levels"], "levels")
        if tuple(lv.key for lv in levels) != LEVELS:
            self.fail(f"levels: must be exactly {', '.join(LEVELS)}")
        dimensions = self.named(raw["dimensions"], "dimensions")
        self.dims = {d.key for d in dimensions}
        routes = self.named(raw.get("routes"), "routes")
        self.route_keys = {r.key for r in routes}
        mitigations = [
            Mitigation(n.key, n.name)
            for n in self.named(raw.get("mitigations"), "mitigations", "text")
        ]
        self.mitigation_keys = {m.key for m in mitigations}
        sections = self.sections(raw["sections"])
        self.question_keys = {q.key for s in sections for q in s.questions}
        q = Questionnaire(
            id=str(raw["id"]),
            version=int(raw["version"]),
            title=self.text(raw.get("title"), "title"),
            sections=tuple(sections),
            dimensions=tuple(dimensions),
            levels=tuple(levels),
            bands=self.bands(raw.get("bands")),
            caps=dict(raw.get("caps") or {}),
            matrix=self.matrix(raw.get("matrix")),
            matrix_dimensions=tuple((raw.get("matrix") or {}).get("dimensions", ())),
            matrix_escalates_once=bool(
                (raw.get("matrix") or {}).get("escalates_once", False)
            ),
            matrix_min_sensitivity={
                str(k): int(v)
                for k, v in (
                    (raw.get("matrix") or {}).get("min_sensitivity") or {}
                ).items()
            },
            sensitivity=self.scale(raw.get("sensitivity"), "sensitivity"),
            actor=self.scale(raw.get("actor"), "actor"),
            hard_triggers=tuple(self.triggers(raw.get("hard_triggers"))),
            blocking=tuple(self.blocking(raw.get("blocking"))),
            routes=tuple(routes),
            route_rules=tuple(self.route_rules(raw.get("route_rules"))),
            mitigations=tuple(mitigations),
            country_flags=tuple(self.flags(raw.get("country_flags"), "country_flags")),
            partner_flags=tuple(self.flags(raw.get("partner_flags"), "partner_flags")),
            asset_flags=tuple(self.flags(raw.get("asset_flags"), "asset_flags")),
            escalation=int(raw.get("escalation", 2)),
            checked_on=dict(raw.get("checked_on") or {}),
            notes={
                k: self.text(v, f"notes.{k}")
                for k, v in (raw.get("notes") or {}).items()
            },
        )
        checks.check_references(q)
        checks.check_cycles(q)
        return q

    def sections(self, items: object) -> list[Section]:
        if not isinstance(items, list) or not items:
            self.fail("sections: needs a non-empty list")
        assert isinstance(items, list)
        sections: list[Section] = []
        seen: set[str] = set()
        for i, item in enumerate(items):
            data = self.keys(item, SECTION, f"sections[{i}]")
            key = str(data.get("key", ""))
            where = f"section {key!r}"
            if not key or key in {s.key for s in sections}:
                self.fail(f"{where}: missing or duplicate section key")
            questions = []
            for j, q in enumerate(data.get("questions") or []):
                question = self.question(q, key, f"{where} question {j}")
                if question.key in seen:
                    self.fail(f"question {question.key!r}: duplicate key")
                seen.add(question.key)
                questions.append(question)
            sections.append(
                Section(
                    key=key,
                    title=self.text(data.get("title"), f"{where} title"),
                    intro=self.text(data.get("intro"), f"{where} intro", optional=True),
                    questions=tuple(questions),
                    show_if=self.cond(data.get("show_if"), f"{where} show_if"),
                )
            )
        return sections

    def question(self, item: object, section: str, where: str) -> Question:
        if isinstance(item, dict) and item.get("key"):
            where = f"question {item['key']!r}"
        data = self.keys(item, QUESTION, where)
        key = str(data.get("key", ""))
        if not key:
            self.fail(f"{where}: missing key")
        kind = data.get("type")
        if kind not in QUESTION_TYPES:
            self.fail(f"{where}: unknown type {kind!r}")
        options = self.options(data, str(kind), where)
        if kind in ("choice", "multi", "ynu") and not options:
            self.fail(f"{where}: a {kind} question needs options")
        if kind not in ("choice", "multi", "ynu") and options:
            self.fail(f"{where}: a {kind} question cannot have options")
        return Question(
            key=key,
            type=str(kind),
            section=section,
            text=self.text(data.get("text"), f"{where} text"),
            help=self.text(data.get("help"), f"{where} help", optional=True),
            ref=str(data.get("ref", "")),
            options=tuple(options),
            show_if=self.cond(data.get("show_if"), f"{where} show_if"),
            required=bool(data.get("required", False)),
            required_if=self.cond(data.get("required_if"), f"{where} required_if"),
            score_if=self.cond(data.get("score_if"), f"{where} score_if"),
            advise_if=self.cond(data.get("advise_if"), f"{where} advise_if"),
            cap=data.get("cap"),
            max_length=int(data.get("max_length", 2000)),
            scored=bool(data.get("scored", True)),
        )

    def options(self, data: dict[str, Any], kind: str, where: str) -> list[Option]:
        routes = tuple(data.get("routes") or ())
        mitigations = tuple(data.get("mitigations") or ())
        if kind == "ynu":
            if "options" in data:
                self.fail(f"{where}: a ynu question gets its options from 'risk'")
            return self.ynu_options(data, where, routes, mitigations)
        if "options_from" in data:
            if data["options_from"] != "research_areas":
                self.fail(f"{where}: unknown options_from {data['options_from']!r}")
            tag_points = data.get("tag_points") or {}
            return [
                Option(
                    key=o.key,
                    label=o.label,
                    tags=o.tags,
                    points=self.points(tag_points.get(o.tags[0]), where),
                    routes=routes if tag_points.get(o.tags[0]) else (),
                    mitigations=mitigations if tag_points.get(o.tags[0]) else (),
                    rule=str(data.get("rule", key_rule(data, o.key))),
                )
                for o in research_areas()
            ]
        out: list[Option] = []
        for i, item in enumerate(data.get("options") or []):
            opt = self.keys(item, OPTION, f"{where} option {i}")
            okey = str(opt.get("key", ""))
            owhere = f"{where} option {okey!r}"
            if not okey or okey in {o.key for o in out}:
                self.fail(f"{owhere}: missing or duplicate option key")
            points = self.points(opt.get("points"), owhere)
            out.append(
                Option(
                    key=okey,
                    label=self.text(opt.get("label"), f"{owhere} label"),
                    points=points,
                    gap=bool(opt.get("gap", False)),
                    routes=tuple(opt.get("routes", routes if points else ())),
                    mitigations=tuple(
                        opt.get("mitigations", mitigations if points else ())
                    ),
                    tags=tuple(opt.get("tags") or ()),
                    rule=str(opt.get("rule", key_rule(data, okey))),
                )
            )
        return out

    def ynu_options(
        self,
        data: dict[str, Any],
        where: str,
        routes: tuple[str, ...],
        mitigations: tuple[str, ...],
    ) -> list[Option]:
        risk = data.get("risk")
        if risk not in (None, "yes", "no"):
            self.fail(f'{where}: \'risk\' must be "yes" or "no" (quote it)')
        points = self.points(data.get("points"), where)
        half = {d: math.ceil(p / 2) for d, p in points.items()}
        out = []
        for value in YNU_VALUES:
            is_risk = value == risk
            is_unknown = value == "unknown"
            pts = points if is_risk else half if (is_unknown and risk) else {}
            out.append(
                Option(
                    key=value,
                    label=YNU_LABELS[value],
                    points=pts,
                    gap=is_unknown,
                    halved=bool(is_unknown and risk and any(points.values())),
                    routes=routes if (is_risk or (is_unknown and risk)) else (),
                    mitigations=mitigations
                    if (is_risk or (is_unknown and risk))
                    else (),
                    rule=str(data.get("rule", key_rule(data, value))),
                )
            )
        return out


def key_rule(data: Mapping[str, Any], value: str) -> str:
    return f"{data.get('key')}={value}"
