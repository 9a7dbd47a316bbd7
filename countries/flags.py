"""Country flag values from raw indicator data: pure rules, no Django imports.

The values are the ones `countries.facts` fixes for the risk engine. Two rules
live here, each documented where the user sees it (country pages, sources page):

* **Academic freedom band** from the V-Dem Academic Freedom Index (0-1). The
  cut-offs follow the AFI's own status groups (A 0.8-1, B 0.6-0.8, C 0.4-0.6,
  D 0.2-0.4, E 0-0.2), with A and B merged into "high":
  >= 0.6 high, >= 0.4 medium, >= 0.2 low, below 0.2 very low.
* **Sanctions level** from the measures of the regimes that target a country.
  A full arms embargo (or a Norwegian regime marked as one) counts as
  "comprehensive"; economic measures (export control, import, investment,
  financial, services or transport restrictions, partial arms restrictions)
  count as "sectoral"; asset freezes, travel bans and the like on listed persons
  and entities only count as "targeted". A Norwegian regulation whose measures
  are not known is "targeted" at least.
"""

from __future__ import annotations

from collections.abc import Iterable

AF_CUTOFFS: tuple[tuple[float, str], ...] = (
    (0.6, "high"),
    (0.4, "medium"),
    (0.2, "low"),
    (0.0, "very_low"),
)
AF_BANDS = ("high", "medium", "low", "very_low", "not_assessed")
SANCTIONS_LEVELS = ("none", "targeted", "sectoral", "comprehensive")
GDPR_VALUES = ("eea", "adequate", "not_adequate")

# Values of the flags an administrator enters (countries.facts).
ENTERED_FLAGS: dict[str, tuple[str, ...]] = {
    "threat_assessment_named": ("not_assessed", "no", "mentioned", "main_actor"),
    "rule_of_law_band": ("not_assessed", "ok", "weak", "very_weak"),
    "travel_advice": (
        "not_assessed",
        "normal",
        "caution",
        "against_non_essential",
        "against_all",
    ),
    "state_data_access_laws": ("not_assessed", "no", "yes"),
    # A national policy instruction to institutions (e.g. the 2022 freeze on
    # institutional cooperation with Russia): "none" where no instruction applies.
    "policy_instruction": ("none", "institutional_freeze"),
}
# The scope of a GDPR adequacy decision. Partial scopes cover only some
# organisations in the country; the questionnaire asks whether the partner is one.
GDPR_SCOPES = ("full", "dpf_certified", "commercial", "private_sector")
PARTIAL_GDPR_SCOPES = ("dpf_certified", "commercial", "private_sector")
# The verification state of a sourced fact, as the country page shows it.
VERIFICATION_STATES = ("verified", "to_be_verified", "institution")


def verification_state(*, to_be_verified: bool, set_by_institution: bool) -> str:
    """ "institution" where the contact point overrode the value, "to_be_verified"
    while nobody has checked the source, "verified" once somebody has."""
    if set_by_institution:
        return "institution"
    return "to_be_verified" if to_be_verified else "verified"


COMPREHENSIVE_MEASURES = frozenset({"arms embargo"})
SECTORAL_MEASURES = frozenset(
    {
        "arms restrictions",
        "export control",
        "import restrictions",
        "financial restrictions",
        "investment ban",
        "services ban",
        "transportation restrictions",
        "aid suspension",
    }
)


def af_band(value: float | None) -> str:
    """The band of an Academic Freedom Index value; "not_assessed" when missing."""
    if value is None:
        return "not_assessed"
    if not 0.0 <= value <= 1.0:
        raise ValueError(f"the Academic Freedom Index runs from 0 to 1, not {value}")
    return next(band for cutoff, band in AF_CUTOFFS if value >= cutoff)


def parse_measures(text: str) -> tuple[str, ...]:
    """ "Asset freeze;Travel ban" -> ("asset freeze", "travel ban")."""
    return tuple(m.strip().lower() for m in text.split(";") if m.strip())


def regime_level(measures: Iterable[str], *, arms_embargo: bool = False) -> str:
    """The sanctions level one regime imposes, from its list of measures."""
    names = {m.strip().lower() for m in measures}
    if arms_embargo or names & COMPREHENSIVE_MEASURES:
        return "comprehensive"
    if names & SECTORAL_MEASURES:
        return "sectoral"
    return "targeted"


def strongest(levels: Iterable[str]) -> str:
    """The highest of several sanctions levels ("none" for no regimes)."""
    return max(levels, key=SANCTIONS_LEVELS.index, default="none")
