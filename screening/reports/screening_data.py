"""The data of one screening report, read from the stored result (never re-scored).

The result JSON (`screening.scoring`) is self-contained: texts in every
language, ledger lines with their sources. Here we pick the language, group
the ledger by dimension and join the mitigation plan to its items.
"""

from __future__ import annotations

from typing import Any

from django.utils.formats import date_format
from django.utils.translation import get_language, gettext
from django.utils.translation import gettext_lazy as _

from agreements.models.named_lists import PartnerMatch
from countries.labels import VALUE_LABELS
from screening import ledger
from screening.models import Screening, Transition
from screening.questionnaire.model import text_language
from screening.reports import labels
from screening.reports.dimensions import DIMENSIONS
from screening.scoring.result import pick, plain_explanation

REFLECTION = "collab.reflection"
DASH = "\u2013"  # en dash, between dates and for an unknown period
SOURCE_ORDER = {"answer": 0, "country": 1, "partner": 2, "matrix": 3, "trigger": 4}


def tr(text: Any, lang: str) -> str:
    if isinstance(text, dict):
        return pick(text, lang)
    return str(text or "")


def build(screening: Screening) -> dict[str, Any]:
    lang = text_language(get_language())
    screening = (
        Screening.objects.select_related("partner", "country", "unit", "owner")
        .prefetch_related("partner__aliases")
        .get(pk=screening.pk)
    )
    result = screening.result or {}
    levels = dict(Screening.Level.choices)
    names = {
        dim["key"]: tr(dim.get("name"), lang) or str(DIMENSIONS.get(dim["key"]))
        for dim in result.get("dimensions", [])
    }
    filed: dict[str, list[dict[str, Any]]] = {}
    for reason in ledger.reasons(result.get("ledger", []), lang):
        filed.setdefault(reason.home, []).append(
            {
                **reason.line,
                "text": reason.text,
                "code": reason.ref,
                "effects": [
                    {"name": names.get(e.dimension, e.dimension), "text": e.text}
                    for e in reason.effects
                ],
            }
        )
    dimensions = [
        {
            **dim,
            "title": names[dim["key"]],
            "level_name": levels.get(dim.get("level"), dim.get("level")),
            "lines": filed.get(dim["key"], []),
        }
        for dim in result.get("dimensions", [])
    ]
    overall = result.get("overall") or (
        "incomplete" if result else screening.overall_level
    )
    plan = screening.mitigation_plan or {}
    definition = labels.find_definition(
        screening.questionnaire_id, screening.questionnaire_version
    )
    transitions = list(screening.transitions.select_related("actor"))
    tasks = {t.route: t for t in screening.route_tasks.select_related("decided_by")}
    matches = _matches(screening)
    routes = [
        {
            **item,
            "task": tasks.get(item["key"]),
            "reasons": labels.reasons(
                definition, (item.get("detail") or {}).get("because", []), lang
            ),
        }
        for item in _items(result, "routes", lang)
    ]
    decisions = [t for t in transitions if t.is_decision]
    titles = {d["key"]: d["title"] for d in dimensions}
    return {
        "screening": screening,
        "lang": lang,
        "result": result,
        "overall": overall,
        "overall_name": levels.get(overall, overall),
        "provisional": result.get("overall_computed")
        if not result.get("overall")
        else "",
        "provisional_name": levels.get(result.get("overall_computed") or "", ""),
        "dimensions": dimensions,
        "hard_triggers": _items(result, "hard_triggers", lang),
        "routes": routes,
        "open_routes": [r for r in routes if not r["task"] or r["task"].is_open],
        "decisions": transitions,
        "decision": decisions[-1] if decisions else None,
        "overrides": [
            t for t in transitions if t.action == Transition.Action.OVERRIDE_SIGN_OFF
        ],
        "period": period(screening.period_start, screening.period_end),
        "conditions": [
            t.comment
            for t in transitions
            if t.action == Transition.Action.APPROVE_WITH_CONDITIONS and t.comment
        ],
        "floors": _items(result, "floors", lang),
        "gaps": _items(result, "gaps", lang),
        "blocking": _items(result, "blocking", lang),
        "mitigations": [
            {**item, "plan": _plan_text(plan.get(item["key"]))}
            for item in _items(result, "mitigations", lang)
        ],
        "other_plan": [
            (
                key,
                labels.short(labels.mitigation_text(definition, key, lang)) or key,
                _plan_text(value),
            )
            for key, value in plan.items()
            if key not in {m.get("key") for m in result.get("mitigations", [])}
            and _plan_text(value)
        ],
        "country_facts": _country_facts(screening),
        "fact_lines": [
            {**line, "dimension_title": titles.get(line.get("dimension"), "")}
            for line in _fact_lines(result, lang)
        ],
        "matches": matches,
        "confirmed_matches": [
            m for m in matches if m.status == PartnerMatch.Status.CONFIRMED
        ],
        "pending_matches": [
            m for m in matches if m.status == PartnerMatch.Status.CANDIDATE
        ],
        "aliases": list(screening.partner.aliases.all()) if screening.partner else [],
        "reflection": str(screening.answers.get(REFLECTION) or ""),
        "questionnaire": labels.questionnaire_title(
            screening.questionnaire_id, screening.questionnaire_version, lang
        ),
    }


def period(start: Any, end: Any) -> str:
    """The planned period in words; a dash when neither end is known."""
    if start and end:
        return f"{_date(start)} {DASH} {_date(end)}"
    if start:
        return gettext("From %(date)s") % {"date": _date(start)}
    if end:
        return gettext("Until %(date)s") % {"date": _date(end)}
    return DASH


def _date(value: Any) -> str:
    return date_format(value, "SHORT_DATE_FORMAT")


def _items(result: dict[str, Any], name: str, lang: str) -> list[dict[str, Any]]:
    return [
        {**item, "title": tr(item.get("text"), lang)} for item in result.get(name, [])
    ]


def _plan_text(value: Any) -> str:
    if isinstance(value, dict):
        return str(value.get("text") or value.get("plan") or "")
    return str(value or "")


def _fact_lines(result: dict[str, Any], lang: str) -> list[dict[str, Any]]:
    """Country and partner facts the score cited, once each, with their source."""
    seen, out = set(), []
    for line in result.get("ledger", []):
        if line.get("source") not in ("country", "partner"):
            continue
        key = (line.get("key"), line.get("fact_source"), line.get("partner", ""))
        if key in seen:
            continue
        seen.add(key)
        out.append({**line, "text": plain_explanation(line, lang)})
    return out


FLAG_LABELS = {
    "academic_freedom_band": _("Academic freedom"),
    "sanctions_regime": _("Sanctions regime"),
    "gdpr_adequacy": _("GDPR adequacy"),
    "threat_assessment_named": _("Named in Norwegian threat assessments"),
    "rule_of_law_band": _("Rule of law"),
    "travel_advice": _("Travel advice"),
    "state_data_access_laws": _("State access to data by law"),
}


def _country_facts(screening: Screening) -> list[dict[str, str]]:
    return [
        {
            "label": str(FLAG_LABELS.get(fact.flag, fact.flag)),
            "value": str(VALUE_LABELS.get(fact.value, fact.value.replace("_", " "))),
            "detail": fact.detail,
            "source": fact.source,
            "edition": fact.edition,
            "licence": fact.licence,
        }
        for fact in screening.country_facts().facts
    ]


def _matches(screening: Screening) -> list[PartnerMatch]:
    if not screening.partner_id:
        return []
    return list(
        PartnerMatch.objects.filter(partner_id=screening.partner_id)
        .select_related("entry__named_list", "decided_by")
        .order_by("-score", "pk")
    )
