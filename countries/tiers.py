"""Country tier T0-T3 from the country flags: a pure rule, no Django imports.

domain-research.md 4.2: T0 no flags; T1 one or two minor flags; T2 named in a
threat assessment, sectoral sanctions or academic freedom low; T3 comprehensive
sanctions (an arms embargo counts as comprehensive, see countries.flags) or
named as the main actor together with academic freedom very low.

Where the research left a gap, we decided:
* "Academic freedom low" includes very low (very low is lower than low).
* "Named in a threat assessment" means mentioned or named as the main actor.
* A minor flag is every other value that carries points in 4.2: targeted
  sanctions, academic freedom medium, rule of law weak or very weak, GDPR not
  adequate, any travel advice other than normal, state data-access laws.
* Three or more minor flags together count as T2 (T1 is "one or two").
* "not_assessed" is never a flag: an empty profile is T0, and the page says
  which flags are not assessed.

The tier is for display and branching only; it adds no points.
"""

from __future__ import annotations

from collections.abc import Mapping

MINOR_VALUES: dict[str, frozenset[str]] = {
    "sanctions_regime": frozenset({"targeted"}),
    "academic_freedom_band": frozenset({"medium"}),
    "rule_of_law_band": frozenset({"weak", "very_weak"}),
    "gdpr_adequacy": frozenset({"not_adequate"}),
    "travel_advice": frozenset({"caution", "against_non_essential", "against_all"}),
    "state_data_access_laws": frozenset({"yes"}),
}


def minor_flags(flags: Mapping[str, str]) -> tuple[str, ...]:
    """The flag keys whose values count as minor, in a stable order."""
    return tuple(
        key for key, values in MINOR_VALUES.items() if flags.get(key) in values
    )


def derive_tier(flags: Mapping[str, str]) -> str:
    """T0-T3 from a mapping of flag key to value (missing keys: not assessed)."""
    sanctions = flags.get("sanctions_regime", "none")
    threat = flags.get("threat_assessment_named", "not_assessed")
    freedom = flags.get("academic_freedom_band", "not_assessed")
    if sanctions == "comprehensive" or (
        threat == "main_actor" and freedom == "very_low"
    ):
        return "T3"
    if (
        threat in ("mentioned", "main_actor")
        or sanctions == "sectoral"
        or freedom in ("low", "very_low")
    ):
        return "T2"
    minor = len(minor_flags(flags))
    if minor >= 3:
        return "T2"
    return "T1" if minor else "T0"
