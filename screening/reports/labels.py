"""Readable labels for what the stored result refers to by key.

The result JSON names routes' reasons, mitigations and the questionnaire by
stable keys (`ROUTE-EC-EXP`, `HT-04`, `M-PUR-01`, `samarbeid` v1). Reports and
pages show people words instead: the names and rules in the published
definition, described here. Nothing is re-scored; a key the definition does
not know is shown as it is.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from django.utils.text import capfirst
from django.utils.translation import gettext as _

from countries.models import Country
from screening import questionnaire as qn

SHORT_LIMIT = 70


def short(text: str, limit: int = SHORT_LIMIT) -> str:
    """The first sentence of a text, cut at a word and marked "…" if still long."""
    text = " ".join(str(text or "").split())
    sentence = text.split(". ", 1)[0].rstrip(".")
    if len(sentence) <= limit:
        return sentence
    cut = sentence[: limit - 1].rsplit(" ", 1)[0].rstrip(",;:")
    return cut + "…"


def questionnaire_title(questionnaire_id: str, version: int, lang: str) -> str:
    """ "Screening of an international knowledge collaboration (version 1)"."""
    definition = find_definition(questionnaire_id, version)
    title = qn.tr(definition.title, lang) if definition else ""
    return _("%(title)s (version %(version)s)") % {
        "title": title or questionnaire_id,
        "version": version,
    }


def mitigation_text(definition: qn.Questionnaire | None, key: str, lang: str) -> str:
    mitigation = definition.mitigation(key) if definition else None
    return qn.tr(mitigation.text, lang) if mitigation else ""


def reasons(
    definition: qn.Questionnaire | None, because: Iterable[Any], lang: str
) -> list[str]:
    """Why a route applies, one phrase per stored reason."""
    return [capfirst(_reason(definition, str(key), lang)) for key in because]


def _reason(definition: qn.Questionnaire | None, key: str, lang: str) -> str:
    if definition is None:
        return key
    question_key, _sep, value = key.partition("=")
    question = definition.question(question_key)
    if question is not None:
        return _answer(question, [value] if value else [], lang)
    trigger = definition.hard_trigger(key)
    if trigger is not None:
        return _("Hard trigger: %(name)s") % {"name": qn.tr(trigger.name, lang)}
    blocking = next((b for b in definition.blocking if b.key == key), None)
    if blocking is not None:
        return _("Not yet settled: %(name)s") % {"name": qn.tr(blocking.name, lang)}
    rule = next((r for r in definition.route_rules if r.rule == key), None)
    if rule is not None:
        return describe(definition, rule.when, lang)
    return key


def describe(definition: qn.Questionnaire, cond: Mapping[str, Any], lang: str) -> str:
    """A condition of the definition in words (route rules, mainly)."""
    if "all" in cond:
        return _(" and ").join(describe(definition, c, lang) for c in cond["all"])
    if "any" in cond:
        return _(" or ").join(describe(definition, c, lang) for c in cond["any"])
    if "not" in cond:
        return _("not: %(what)s") % {"what": describe(definition, cond["not"], lang)}
    if "q" in cond:
        question = definition.question(cond["q"])
        values = cond.get("in") or cond.get("has_any") or []
        if question is not None:
            return _answer(question, values, lang)
    if "level" in cond:
        return _level(definition, cond, lang)
    if "trigger" in cond:
        if cond["trigger"] == "any":
            return _("a hard trigger applies")
        return _reason(definition, str(cond["trigger"]), lang)
    if cond.get("fact") == "country.tier":
        tiers = dict(Country.Tier.choices)
        names = [str(tiers.get(t, t)) for t in cond.get("in", [])]
        return _("the country's tier is %(tiers)s") % {"tiers": _(" or ").join(names)}
    if "derived" in cond:
        scale = {"sensitivity": _("research sensitivity"), "actor": _("actor risk")}
        return _("%(scale)s is %(value)s or more (of 3)") % {
            "scale": scale.get(cond["derived"], cond["derived"]),
            "value": cond.get("gte"),
        }
    return ", ".join(f"{k}: {v}" for k, v in cond.items())


def _answer(question: qn.Question, values: Iterable[str], lang: str) -> str:
    text = qn.tr(question.text, lang)
    labels = [
        qn.tr(option.label, lang)
        for option in (question.option(v) for v in values)
        if option is not None
    ]
    return f"{text} ({' / '.join(labels)})" if labels else text


def _level(definition: qn.Questionnaire, cond: Mapping[str, Any], lang: str) -> str:
    gte = str(cond.get("gte"))
    words = {"level": definition.level_name(gte, lang).lower()}
    top = gte == qn.LEVELS[-1]
    if cond["level"] == "overall":
        if top:
            return _("the overall risk level is %(level)s") % words
        return _("the overall risk level is %(level)s or higher") % words
    words["dimension"] = definition.dimension_name(cond["level"], lang).lower()
    if top:
        return _("the level in %(dimension)s is %(level)s") % words
    return _("the level in %(dimension)s is %(level)s or higher") % words


def find_definition(questionnaire_id: str, version: int) -> qn.Questionnaire | None:
    try:
        return qn.load(questionnaire_id, int(version))
    except (qn.DefinitionError, TypeError, ValueError):
        return None
