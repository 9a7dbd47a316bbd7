"""Whole-definition checks run after building: references and cycles."""

from __future__ import annotations

from screening import conditions
from screening.questionnaire.model import Condition, Questionnaire


class DefinitionError(ValueError):
    """A questionnaire definition is broken; the message names the key."""


def _fail(message: str) -> None:
    raise DefinitionError(message)


def check_references(q: Questionnaire) -> None:
    """Every condition, route and mitigation a definition names must exist."""
    keys = {question.key for s in q.sections for question in s.questions}
    routes = {r.key for r in q.routes}
    mitigations = {m.key for m in q.mitigations}

    def refs(cond: Condition | None, where: str, *, results: bool = False) -> None:
        for key in sorted(conditions.referenced_questions(cond)):
            if key not in keys:
                _fail(f"{where}: refers to missing question {key!r}")
        if not results and conditions.uses_results(cond):
            _fail(f"{where}: levels and triggers are only known after scoring")

    def named(items: tuple[str, ...], known: set[str], kind: str, where: str) -> None:
        for item in items:
            if item not in known:
                _fail(f"{where}: unknown {kind} {item!r}")

    for section in q.sections:
        refs(section.show_if, f"section {section.key!r} show_if")
        for question in section.questions:
            where = f"question {question.key!r}"
            for name in ("show_if", "required_if", "score_if", "advise_if"):
                refs(getattr(question, name), f"{where} {name}")
            for option in question.options:
                named(option.routes, routes, "route", where)
                named(option.mitigations, mitigations, "mitigation", where)
    for value, cond in q.sensitivity + q.actor:
        refs(cond, f"sensitivity/actor {value}")
    for t in q.hard_triggers:
        refs(t.when, f"hard trigger {t.key!r}")
        named(t.routes, routes, "route", f"hard trigger {t.key!r}")
        named(t.mitigations, mitigations, "mitigation", f"hard trigger {t.key!r}")
    for b in q.blocking:
        where = f"blocking {b.key!r}"
        if b.question not in keys:
            _fail(f"{where}: refers to missing question {b.question!r}")
        refs(b.when, where, results=True)
        named(b.routes, routes, "route", where)
    for r in q.route_rules:
        named((r.route,), routes, "route", f"route rule {r.rule!r}")
        refs(r.when, f"route rule {r.rule!r}", results=True)
    for f in q.country_flags + q.partner_flags + q.asset_flags:
        refs(f.when, f"flag rule {f.rule!r}")


def check_cycles(q: Questionnaire) -> None:
    """A question's visibility may not depend on itself, directly or not."""
    derived_refs = {
        name: set().union(
            *(conditions.referenced_questions(c) for _, c in getattr(q, name))
        )
        for name in conditions.DERIVED
    }

    def deps(cond: Condition | None) -> set[str]:
        found = conditions.referenced_questions(cond)
        for name in conditions.referenced_derived(cond):
            found |= derived_refs[name]
        return found

    graph: dict[str, set[str]] = {}
    for section in q.sections:
        for question in section.questions:
            graph[question.key] = deps(section.show_if) | deps(question.show_if)
    state: dict[str, int] = {}

    def visit(key: str, path: list[str]) -> None:
        if state.get(key) == 2:
            return
        if state.get(key) == 1:
            loop = " -> ".join([*path[path.index(key) :], key])
            _fail(f"question {key!r}: show_if cycle {loop}")
        state[key] = 1
        for dep in sorted(graph.get(key, ())):
            visit(dep, [*path, key])
        state[key] = 2

    for key in graph:
        visit(key, [])
