"""Decision rules: which routes must be cleared before an approval, by level.

The rules are data (`decision_rules.yaml` beside this module); this module
reads them and, given the state of a screening's route tasks, says what is
still missing. Pure Python without Django: the review services and the
decision panel call `checklist`, and the tests pin it without a database.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml

from countries.levels import WITH_INCOMPLETE

RULES_FILE = Path(__file__).with_name("decision_rules.yaml")
LEVELS = WITH_INCOMPLETE  # a rule for every level a screening can have
# Task states (RouteTask.Status values) that leave a route not yet cleared.
OPEN = "open"
OVERRIDDEN = "overridden"


@dataclass(frozen=True)
class LevelRule:
    routes: tuple[str, ...] = ()
    all_routes: bool = False
    sign_off: str | None = None


@dataclass(frozen=True)
class Rules:
    decisions: frozenset[str]
    levels: dict[str, LevelRule]

    def for_level(self, level: str) -> LevelRule:
        return self.levels.get(level) or self.levels["incomplete"]


@dataclass(frozen=True)
class TaskState:
    """What the rules need to know of a route task."""

    route: str
    status: str
    mandatory: bool = False


@dataclass(frozen=True)
class Check:
    """One line of the checklist: a route and whether it is cleared."""

    route: str
    state: str  # "open", "missing" (no task yet), "overridden" or a closed status
    sign_off: bool = False

    @property
    def done(self) -> bool:
        return self.state not in (OPEN, "missing")

    @property
    def overridable(self) -> bool:
        return self.sign_off and not self.done


def parse(raw: object) -> Rules:
    """Strict: unknown keys, levels or shapes raise ValueError."""
    if not isinstance(raw, dict) or set(raw) != {"version", "decisions", "levels"}:
        raise ValueError("decision rules: need exactly version, decisions, levels")
    levels = {}
    for level, data in (raw["levels"] or {}).items():
        if level not in LEVELS or not isinstance(data, dict):
            raise ValueError(f"decision rules: unknown level {level!r}")
        if not set(data) <= {"routes", "sign_off"}:
            raise ValueError(f"decision rules: unknown keys in {level!r}")
        routes = data.get("routes", [])
        if routes != "all" and not isinstance(routes, list):
            raise ValueError(f"decision rules: {level!r} routes must be a list")
        levels[level] = LevelRule(
            routes=() if routes == "all" else tuple(routes),
            all_routes=routes == "all",
            sign_off=data.get("sign_off"),
        )
    if set(levels) != set(LEVELS):
        raise ValueError(f"decision rules: need every level {LEVELS}")
    return Rules(frozenset(raw["decisions"]), levels)


@cache
def load(path: Path = RULES_FILE) -> Rules:
    return parse(yaml.safe_load(path.read_text(encoding="utf-8")))


def checklist(rules: Rules, level: str, tasks: Iterable[TaskState]) -> list[Check]:
    """The routes to clear before approving at `level`, each with its state:
    the level's routes (every task for "all"), the mandatory tasks, and the
    sign-off (listed first, "missing" while it has no task)."""
    rule = rules.for_level(level)
    tasks = list(tasks)
    by_route = {t.route: t for t in tasks}
    wanted = [
        t.route
        for t in tasks
        if rule.all_routes or t.mandatory or t.route in rule.routes
    ]
    checks = []
    if rule.sign_off:
        task = by_route.get(rule.sign_off)
        checks.append(Check(rule.sign_off, task.status if task else "missing", True))
    checks += [
        Check(route, by_route[route].status)
        for route in wanted
        if route != rule.sign_off
    ]
    return checks


def missing(
    rules: Rules, decision: str, level: str, tasks: Iterable[TaskState]
) -> list[Check]:
    """The checks that hold `decision` back (none for decisions the rules skip)."""
    if decision not in rules.decisions:
        return []
    return [c for c in checklist(rules, level, tasks) if not c.done]
