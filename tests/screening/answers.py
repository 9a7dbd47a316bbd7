"""Shared inputs for the pure questionnaire and scoring tests."""

from __future__ import annotations

from countries.facts import CountryFacts, Fact, PartnerFacts
from screening import questionnaire

Q = questionnaire.load(*questionnaire.CURRENT)

# A student exchange with a long-standing EEA partner, every answer the safe one.
# It declares a research component (B13), so the research questions are asked
# and the scenarios can vary them; EXCHANGE_ONLY is the plain exchange.
EXCHANGE = {
    "case.stage": "new",
    "collab.components": ["students_out", "students_in"],
    "collab.research_component": "yes",
    "collab.purpose_documented": "yes",
    "collab.initiated_by": "network",
    "collab.balance": "yes",
    "collab.agreement_status": "signed",
    "collab.signing_level": "faculty",
    "collab.anchored": "yes",
    "collab.confidentiality": "public",
    "partner.sanctions_screened": "no_hit",
    "partner.state_control": "no",
    "partner.legal_compulsion": "no",
    "partner.military_links": "none",
    "partner.security_services_links": "no",
    "partner.integrity_history": "no",
    "partner.human_rights": "no",
    "partner.verifiability": "fully",
    "partner.familiarity": "long_standing",
    "partner.af_commitment": "yes",
    "country.physical_presence": "yes",
    "country.topic_sensitive": "no",
    "country.local_restrictions": "no",
    "country.self_censorship": "no",
    "travel.devices": "no",
    "research.area": ["gen_education"],
    "research.dual_use": "no",
    "research.export_list": "not_listed",
    "research.wmd_relevance": "no",
    "research.maturity": "basic",
    "research.transfer_channels": ["publications"],
    "research.crown_jewels": "no",
    "research.misuse_potential": "no",
    "research.ethics_review": "no",
    "research.critical_minerals": "no",
    "data.personal": "ordinary",
    "data.third_country": "no",
    "data.dpia": "done",
    "data.aggregate_sensitive": "no",
    "data.classified": "no",
    "access.systems": "none",
    "access.infrastructure": "no",
    "data.dmp": "yes",
    "funding.sources": ["eu"],
    "funding.conditions": ["none"],
    "funding.personal_benefits": "no",
    "ip.agreed": "yes",
    "ip.partner_rights": "fair",
    "team.disclosures": "yes",
    "team.partner_appointment": "no",
    "team.temporary_staff": "no",
    "team.duty_of_care_info": "yes",
    "students.country_briefing": "yes",
    "students.contacts": "yes",
    "students.contingency_plan": "yes",
    "students.vulnerability": "yes",
    "students.incident_reporting": "yes",
    "students.restrictions": "none_needed",
    "students.research_involvement": "no",
    "students.data_transfer": "yes",
    "students.recognition": "yes",
    "students.support_services": "yes",
    "agr.af_clause": "yes",
    "agr.publication": "free",
    "agr.breaches_defined": "yes",
    "agr.termination": "yes",
    "agr.exit_plan": "yes",
    "agr.export_clause": "yes",
    "agr.data_clauses": "yes",
    "agr.legal_review": "yes",
    "agr.governing_law": "norway_eea",
    "agr.review_interval": "yes",
    "agr.publicity": "public",
}

EXCHANGE_ONLY = {
    **{k: v for k, v in EXCHANGE.items() if not k.startswith("research.")},
    "collab.research_component": "no",
}

V_DEM = "V-Dem Academic Freedom Index v14"


def country(iso2: str = "DE", tier: str = "T0", **flags: str) -> CountryFacts:
    base = {
        "sanctions_regime": "none",
        "academic_freedom_band": "high",
        "gdpr_adequacy": "eea",
        "travel_advice": "normal",
    }
    facts = tuple(
        Fact(flag, value, V_DEM if flag == "academic_freedom_band" else "admin", "2023")
        for flag, value in {**base, **flags}.items()
    )
    return CountryFacts(iso2, f"Country {iso2}", tier, facts)


EEA = country()


def partner(kind: str = "university", *flags: tuple[str, str]) -> PartnerFacts:
    facts = tuple(
        Fact(flag, value, "Canada NRO", "2025-01", "OGL-Canada", detail="Example Inst")
        for flag, value in flags
    )
    return PartnerFacts(1, "Example University", "XX", kind, facts)


def answers(**changes: object) -> dict[str, object]:
    """EXCHANGE with changes; keys use "__" for "." (`research__dual_use="yes"`)."""
    return {**EXCHANGE, **{k.replace("__", "."): v for k, v in changes.items()}}
