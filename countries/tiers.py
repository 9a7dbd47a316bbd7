"""Country tier T0-T3 from the country flags: a pure rule, no Django imports.

The rule (the country flags are listed in countries/facts.py): T0 no flags;
T1 one or two minor flags; T2 named in a threat assessment, sectoral
sanctions or academic freedom low; T3 comprehensive sanctions (an arms
embargo counts as comprehensive, see countries.flags) or named as a main actor
in the Norwegian threat assessments (calibration, screening/calibration/
cases.yaml: the research made this "main actor and academic freedom very
low"; a state that PST, E-tjenesten and NSM name as a main actor is T3
whatever its index).

A sanctions regime counts only against the country it targets (the
`target_iso2` of the fixtures, one per regime, tested regime by regime).

Where the research left a gap, we decided:
* "Academic freedom low" includes very low (very low is lower than low).
* "Named in a threat assessment" means mentioned or named as the main actor.
* A minor flag is every other country value that carries points: targeted
  sanctions, academic freedom medium, rule of law weak or very weak, GDPR not
  adequate, state data-access laws.
* Travel advice is not a tier flag (calibration): it speaks of the safety of
  people going there, not of the state as an actor, and has its own rules
  (CTY-TRAVEL points, HT-10 and the international office's route). Counted as
  a minor flag, the Ministry's advice against travel to Ukraine made Ukraine
  T2, an actor risk, and sent Kyiv exchanges to export control.
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
    "state_data_access_laws": frozenset({"yes"}),
}


def minor_flags(flags: Mapping[str, str]) -> tuple[str, ...]:
    """The flag keys whose values count as minor, in a stable order."""
    return tuple(
        key for key, values in MINOR_VALUES.items() if flags.get(key) in values
    )


def derive_tier(flags: Mapping[str, str]) -> str:
    """T0-T3 from a mapping of flag key to value (missing keys: not assessed)."""
    return tier_reason(flags)[0]


def tier_reason(flags: Mapping[str, str]) -> tuple[str, str]:
    """(tier, reason): the first rule that decides the tier, as a key the
    country page turns into one sentence (countries.labels.TIER_REASONS)."""
    sanctions = flags.get("sanctions_regime", "none")
    threat = flags.get("threat_assessment_named", "not_assessed")
    freedom = flags.get("academic_freedom_band", "not_assessed")
    if sanctions == "comprehensive":
        return "T3", "comprehensive_sanctions"
    if threat == "main_actor":
        return "T3", "threat_main_actor"
    if threat == "mentioned":
        return "T2", "threat_mentioned"
    if sanctions == "sectoral":
        return "T2", "sectoral_sanctions"
    if freedom in ("low", "very_low"):
        return "T2", "academic_freedom_low"
    minor = len(minor_flags(flags))
    if minor >= 3:
        return "T2", "three_minor"
    return ("T1", "minor") if minor else ("T0", "no_flags")
