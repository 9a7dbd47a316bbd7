"""Parsing the scoring rules of a definition: bands, matrix, scales, triggers,
blocking unknowns, route rules and flag points. Mixed into the loader's builder."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from screening.questionnaire.model import (
    Blocking,
    Condition,
    FlagRule,
    HardTrigger,
    RouteRule,
)

if TYPE_CHECKING:
    from screening.questionnaire.model import Text


def _list(items: object) -> list[Any]:
    return list(items) if isinstance(items, list) else []


class RuleParsing:
    """Needs from its host: fail, keys, text, points, cond, level (see _Builder)."""

    if TYPE_CHECKING:  # what the host (loader._Builder) provides
        dims: set[str]

        def fail(self, message: str) -> None: ...
        def keys(
            self, data: object, allowed: set[str], where: str
        ) -> dict[str, Any]: ...
        def text(self, data: object, where: str, *, optional: bool = False) -> Text: ...
        def points(self, data: object, where: str) -> dict[str, int]: ...
        def cond(self, data: object, where: str) -> Condition | None: ...
        def level(self, value: object, where: str) -> str: ...

    def bands(self, items: object) -> tuple[tuple[int, str], ...]:
        bands = []
        for i, item in enumerate(_list(items)):
            data = self.keys(item, {"min", "level"}, f"bands[{i}]")
            bands.append(
                (int(data["min"]), self.level(data.get("level"), f"bands[{i}]"))
            )
        if not bands or bands[0][0] != 0:
            self.fail("bands: must start at 0 points")
        if [b[0] for b in bands] != sorted(b[0] for b in bands):
            self.fail("bands: minimum points must ascend")
        return tuple(bands)

    def matrix(self, data: object) -> tuple[tuple[str, ...], ...]:
        m = self.keys(
            data,
            {"dimensions", "levels", "escalates_once", "min_sensitivity"},
            "matrix",
        )
        for dim in m.get("min_sensitivity") or {}:
            if dim not in m.get("dimensions", ()):
                self.fail(f"matrix: min_sensitivity for {dim!r}, not in dimensions")
        for dim in m.get("dimensions", ()):
            if dim not in self.dims:
                self.fail(f"matrix: unknown dimension {dim!r}")
        rows = m.get("levels") or []
        if len(rows) != 4 or any(len(r) != 4 for r in rows):
            self.fail("matrix: levels must be 4 rows (S 0-3) of 4 levels (A 0-3)")
        return tuple(tuple(self.level(v, "matrix") for v in row) for row in rows)

    def scale(self, items: object, where: str) -> tuple[tuple[int, Condition], ...]:
        out = []
        for i, item in enumerate(_list(items)):
            data = self.keys(item, {"value", "when"}, f"{where}[{i}]")
            cond = self.cond(data.get("when"), f"{where}[{i}].when")
            if cond is None or not 1 <= int(data.get("value", 0)) <= 3:
                self.fail(f"{where}[{i}]: needs a value 1-3 and a 'when'")
            assert cond is not None
            out.append((int(data["value"]), cond))
        return tuple(sorted(out, key=lambda pair: -pair[0]))

    def triggers(self, items: object) -> list[HardTrigger]:
        allowed = {"key", "name", "when", "floors", "overall_floor", "routes"}
        allowed |= {"mitigations", "ref"}
        out: list[HardTrigger] = []
        for i, item in enumerate(_list(items)):
            data = self.keys(item, allowed, f"hard_triggers[{i}]")
            key = str(data.get("key", ""))
            where = f"hard trigger {key!r}"
            floors = dict(data.get("floors") or {})
            for dim, level in floors.items():
                if dim not in self.dims:
                    self.fail(f"{where}: floor on unknown dimension {dim!r}")
                self.level(level, where)
            when = self.cond(data.get("when"), f"{where} when")
            if when is None:
                self.fail(f"{where}: needs 'when'")
            assert when is not None
            overall = data.get("overall_floor")
            out.append(
                HardTrigger(
                    key=key,
                    name=self.text(data.get("name"), f"{where} name"),
                    when=when,
                    floors=floors,
                    overall_floor=self.level(overall, where) if overall else None,
                    routes=tuple(data.get("routes") or ()),
                    mitigations=tuple(data.get("mitigations") or ()),
                    ref=str(data.get("ref", "")),
                )
            )
        return out

    def blocking(self, items: object) -> list[Blocking]:
        allowed = {"key", "question", "values", "name", "when", "routes"}
        out = []
        for i, item in enumerate(_list(items)):
            data = self.keys(item, allowed, f"blocking[{i}]")
            key = str(data.get("key", ""))
            out.append(
                Blocking(
                    key=key,
                    question=str(data.get("question", "")),
                    values=tuple(data.get("values") or ()),
                    name=self.text(data.get("name"), f"blocking {key!r} name"),
                    when=self.cond(data.get("when"), f"blocking {key!r} when"),
                    routes=tuple(data.get("routes") or ()),
                )
            )
        return out

    def route_rules(self, items: object) -> list[RouteRule]:
        out = []
        for i, item in enumerate(_list(items)):
            data = self.keys(item, {"route", "when", "rule"}, f"route_rules[{i}]")
            when = self.cond(data.get("when"), f"route_rules[{i}].when")
            if when is None:
                self.fail(f"route_rules[{i}]: needs 'when'")
            assert when is not None
            out.append(
                RouteRule(str(data.get("route")), when, str(data.get("rule", "")))
            )
        return out

    def flags(self, items: object, where: str) -> list[FlagRule]:
        allowed = {"flag", "value", "points", "rule", "ref", "when", "label"}
        out = []
        for i, item in enumerate(_list(items)):
            data = self.keys(item, allowed, f"{where}[{i}]")
            rule = str(data.get("rule") or f"{data.get('flag')}={data.get('value')}")
            out.append(
                FlagRule(
                    flag=str(data.get("flag")),
                    value=str(data.get("value")),
                    points=self.points(data.get("points"), f"{where} {rule!r}"),
                    rule=rule,
                    ref=str(data.get("ref", "")),
                    when=self.cond(data.get("when"), f"{where} {rule!r} when"),
                    label=self.text(data.get("label"), f"{where} {rule!r} label"),
                )
            )
        return out
