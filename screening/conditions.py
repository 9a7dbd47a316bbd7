"""The condition language of the questionnaire, evaluated in plain Python.

A condition is a small mapping, never a string to `eval`:

    {"q": "data.personal", "in": ["ordinary", "special"]}   answer in a list (for a
                                                             multi answer: any item)
    {"q": "collab.components", "has_any": ["data_sharing"]} multi answer holds any
    {"q": "research.area", "tag_in": ["high"]}              a chosen option has a tag
    {"answered": "data.personal"}                           any non-empty answer
    {"all": [...]}, {"any": [...]}, {"not": {...}}
    {"fact": "country.tier", "in": ["T2", "T3"]}            country tier, or any
    {"fact": "country.travel_advice", "in": [...]}          country flag value
    {"fact": "partner.kind", "in": ["military"]}            any partner of that kind
    {"fact": "partner.flag", "in": ["named_list"]}          any partner with the flag
    {"fact": "case.stage", "in": ["renewal"]}               stage (answer or context)
    {"fact": "asset.sensitivity", "in": ["high"]}           a picked register asset
    {"derived": "sensitivity", "gte": 2}                    research sensitivity S 0-3
    {"derived": "actor", "gte": 2}                          actor risk A 0-3
    {"level": "EXP", "gte": "medium"}                       only in route and blocking
    {"trigger": "any"} / {"trigger": "HT-04"}               rules (after the levels)

Only answers to visible questions should be passed in: `screening.questionnaire`
cleans the answers first, so a hidden answer can never make anything true.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from countries.facts import TIERS, AssetFacts, CountryFacts, PartnerFacts
from countries.levels import LEVELS

if TYPE_CHECKING:
    from screening.questionnaire.model import Condition, Questionnaire

OPERATORS = frozenset(
    {"q", "in", "has_any", "tag_in", "answered", "all", "any", "not", "fact"}
    | {"derived", "gte", "level", "trigger"}
)
FACTS = (
    "country.tier", "partner.kind", "partner.flag", "case.stage", "asset.sensitivity",
)  # fmt: skip
DERIVED = ("sensitivity", "actor")


@dataclass(frozen=True)
class Context:
    """Facts about the case that are not answers: country, partners, stage, and
    the register assets the answers picked (the engine keeps only those picked
    in a visible answer)."""

    country: CountryFacts | None = None
    partners: tuple[PartnerFacts, ...] = ()
    stage: str = ""
    assets: tuple[AssetFacts, ...] = ()


@dataclass
class Env:
    """Everything a condition can look at. `levels` and `triggers` are set only
    in the second phase of scoring, for route and blocking rules."""

    questionnaire: Questionnaire
    answers: Mapping[str, object]
    context: Context
    levels: Mapping[str, str] | None = None
    triggers: frozenset[str] | None = None
    _derived: dict[str, int] = field(default_factory=dict)

    def derived(self, name: str) -> int:
        if name not in self._derived:
            rules = getattr(self.questionnaire, name)
            self._derived[name] = 0  # guards against a rule that refers to itself
            value = next((n for n, cond in rules if evaluate(cond, self)), 0)
            self._derived[name] = value
        return self._derived[name]


def evaluate(cond: Condition | None, env: Env) -> bool:
    """True when the condition holds; a missing condition always holds."""
    if cond is None:
        return True
    # Plain loops rather than all()/any() over a generator: this runs a hundred
    # times per score, and a generator costs more than the test it wraps.
    if "all" in cond:
        for part in cond["all"]:  # noqa: SIM110
            if not evaluate(part, env):
                return False
        return True
    if "any" in cond:
        for part in cond["any"]:  # noqa: SIM110
            if evaluate(part, env):
                return True
        return False
    if "not" in cond:
        return not evaluate(cond["not"], env)
    if "answered" in cond:
        return _present(env.answers.get(cond["answered"]))
    if "q" in cond:
        return _answer_test(cond, env)
    if "fact" in cond:
        return _fact_test(cond, env)
    if "derived" in cond:
        return env.derived(cond["derived"]) >= int(cond["gte"])
    if "level" in cond:
        return _level_test(cond, env)
    if "trigger" in cond:
        fired = env.triggers or frozenset()
        return bool(fired) if cond["trigger"] == "any" else cond["trigger"] in fired
    raise ValueError(f"unknown condition {dict(cond)!r}")


def _present(value: object) -> bool:
    return value not in (None, "", [], ())


def _values(value: object) -> list[str]:
    if isinstance(value, list | tuple):
        return [str(v) for v in value]
    return [] if value is None else [str(value)]


def _answer_test(cond: Condition, env: Env) -> bool:
    key = cond["q"]
    value = env.answers.get(key)
    if value is None and key == "case.stage":
        value = env.context.stage or None
    wanted = cond.get("in", cond.get("has_any"))
    if wanted is not None:
        if isinstance(value, str):  # the common case, without building a list
            return value in wanted
        return any(v in wanted for v in _values(value))
    if "tag_in" in cond:
        question = env.questionnaire.question(key)
        if question is None:
            return False
        chosen = _values(value)
        tags = set(cond["tag_in"])
        return any(
            tags & set(option.tags)
            for option in question.options
            if option.key in chosen
        )
    return _present(value)


def _fact_test(cond: Condition, env: Env) -> bool:
    fact = cond["fact"]
    wanted = cond.get("in", ())
    country = env.context.country
    if fact == "country.tier":
        tier = country.tier if country else "T0"
        if "gte" in cond:
            return TIERS.index(tier) >= TIERS.index(cond["gte"])
        return tier in wanted
    if fact.startswith("country."):
        return country is not None and country.value(fact.split(".", 1)[1]) in wanted
    if fact == "partner.kind":
        return any(p.kind in wanted for p in env.context.partners)
    if fact == "partner.flag":
        return any(f.flag in wanted for p in env.context.partners for f in p.flags)
    if fact == "asset.sensitivity":
        return any(a.sensitivity in wanted for a in env.context.assets)
    if fact == "case.stage":
        stage = env.answers.get("case.stage") or env.context.stage
        return stage in wanted
    raise ValueError(f"unknown fact {fact!r}")


def _level_test(cond: Condition, env: Env) -> bool:
    if env.levels is None:
        return False
    level = env.levels.get(cond["level"])
    return level is not None and LEVELS.index(level) >= LEVELS.index(cond["gte"])


def walk(cond: Condition | None) -> Iterator[Condition]:
    """Every node of a condition tree, for the loader's checks."""
    if cond is None:
        return
    yield cond
    for key in ("all", "any"):
        for child in cond.get(key, ()):
            yield from walk(child)
    if "not" in cond:
        yield from walk(cond["not"])


def referenced_questions(cond: Condition | None) -> set[str]:
    """The question keys a condition reads (directly)."""
    keys: set[str] = set()
    for node in walk(cond):
        for op in ("q", "answered"):
            if op in node:
                keys.add(str(node[op]))
    return keys


def referenced_derived(cond: Condition | None) -> set[str]:
    return {str(node["derived"]) for node in walk(cond) if "derived" in node}


def uses_results(cond: Condition | None) -> bool:
    """True when the condition reads levels or fired triggers (phase 2 only)."""
    return any("level" in node or "trigger" in node for node in walk(cond))


def check(cond: object, where: str) -> list[str]:
    """Problems with the shape of a condition, each naming `where`."""
    if not isinstance(cond, Mapping) or not cond:
        return [f"{where}: a condition must be a non-empty mapping, got {cond!r}"]
    problems: list[str] = []
    unknown = set(cond) - OPERATORS
    if unknown:
        problems.append(f"{where}: unknown condition operator(s) {sorted(unknown)}")
    for key in ("all", "any"):
        if key in cond:
            if not isinstance(cond[key], list) or not cond[key]:
                problems.append(f"{where}: '{key}' needs a non-empty list")
            else:
                for i, child in enumerate(cond[key]):
                    problems += check(child, f"{where}.{key}[{i}]")
    if "not" in cond:
        problems += check(cond["not"], f"{where}.not")
    if "fact" in cond:
        fact = str(cond["fact"])
        if fact not in FACTS and not fact.startswith("country."):
            problems.append(f"{where}: unknown fact {fact!r}")
    if "derived" in cond and cond["derived"] not in DERIVED:
        problems.append(f"{where}: unknown derived value {cond['derived']!r}")
    if "level" in cond and cond.get("gte") not in LEVELS:
        problems.append(f"{where}: 'level' needs 'gte' with a level key")
    for key in ("in", "has_any", "tag_in"):
        if key in cond and not isinstance(cond[key], list):
            problems.append(f"{where}: '{key}' needs a list")
    return problems
