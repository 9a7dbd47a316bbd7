"""Display labels for the country flags of countries.facts (both languages)."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.utils.translation import gettext_lazy as _

FLAG_LABELS = {
    "sanctions_regime": _("Sanctions"),
    "academic_freedom_band": _("Academic freedom"),
    "gdpr_adequacy": _("GDPR adequacy"),
    "threat_assessment_named": _("Named in Norwegian threat assessments"),
    "rule_of_law_band": _("Rule of law"),
    "travel_advice": _("Travel advice (Ministry of Foreign Affairs)"),
    "state_data_access_laws": _("State data-access laws"),
    "policy_instruction": _("Norwegian policy instruction"),
    "gdpr_adequacy_scope": _("Scope of the adequacy decision"),
}

VALUE_LABELS = {
    "not_assessed": _("Not assessed"),
    "none": _("None"),
    "targeted": _("Targeted (persons and entities)"),
    "sectoral": _("Sectoral"),
    "comprehensive": _("Comprehensive or arms embargo"),
    "high": _("High"),
    "medium": _("Medium"),
    "low": _("Low"),
    "very_low": _("Very low"),
    "eea": _("EEA"),
    "adequate": _("Adequacy decision"),
    "not_adequate": _("Not adequate"),
    "no": _("No"),
    "yes": _("Yes"),
    "mentioned": _("Mentioned"),
    "main_actor": _("Named as a main actor"),
    "ok": _("Sound"),
    "weak": _("Weak"),
    "very_weak": _("Very weak"),
    "normal": _("Normal precautions"),
    "caution": _("Increased caution"),
    "against_non_essential": _("Advises against non-essential travel"),
    "against_all": _("Advises against all travel"),
    "institutional_freeze": _("Freeze on institutional cooperation"),
    "full": _("Full"),
    "dpf_certified": _(
        "Only organisations certified under the EU-US Data Privacy Framework"
    ),
    "commercial": _("Only commercial organisations (PIPEDA)"),
    "private_sector": _("Only the private sector (APPI)"),
}

STATE_LABELS = {
    "verified": _("Verified"),
    "to_be_verified": _("To be verified"),
    "institution": _("Set by the institution"),
}

# One sentence per rule of countries.tiers.tier_reason.
TIER_REASONS = {
    "comprehensive_sanctions": _(
        "Tier T3 because Norway or the EU applies comprehensive sanctions or an "
        "arms embargo against this country."
    ),
    "threat_main_actor": _(
        "Tier T3 because the Norwegian threat assessments name this state as a "
        "main actor."
    ),
    "threat_mentioned": _(
        "Tier T2 because the Norwegian threat assessments mention this state."
    ),
    "sectoral_sanctions": _(
        "Tier T2 because Norway or the EU applies sectoral sanctions against this "
        "country."
    ),
    "academic_freedom_low": _(
        "Tier T2 because academic freedom is low or very low (V-Dem Academic "
        "Freedom Index)."
    ),
    "three_minor": _("Tier T2 because three or more minor flags apply."),
    "minor": _("Tier T1 because one or two minor flags apply."),
    "no_flags": _("Tier T0 because no flag applies."),
}


def fact_rows(facts: Any) -> list[dict[str, Any]]:
    """A country's facts with readable labels, for the tables that show them.

    `number` is the Academic Freedom Index as a float and `checked` the day a
    source was checked as a date, so templates localise both (0,087; 23.11.2026).
    """
    return [
        {
            "label": FLAG_LABELS.get(fact.flag, fact.flag),
            "value": VALUE_LABELS.get(fact.value, fact.value),
            "fact": fact,
            "number": _index(fact),
            "checked": date.fromisoformat(fact.checked) if fact.checked else None,
            "state": STATE_LABELS.get(fact.state, ""),
        }
        for fact in facts.facts
        if fact.flag != "gdpr_adequacy_scope" or fact.value  # adequate countries
    ]


def _index(fact: Any) -> float | None:
    if fact.flag != "academic_freedom_band" or not fact.detail:
        return None
    try:
        return float(fact.detail)
    except ValueError:
        return None
