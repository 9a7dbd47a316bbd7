"""Tier T0-T3 and the flag rules: pure functions, tested exhaustively."""

from __future__ import annotations

import itertools

import pytest

from countries import flags, tiers

VALUES = {
    "sanctions_regime": flags.SANCTIONS_LEVELS,
    "threat_assessment_named": flags.ENTERED_FLAGS["threat_assessment_named"],
    "academic_freedom_band": flags.AF_BANDS,
    "rule_of_law_band": flags.ENTERED_FLAGS["rule_of_law_band"],
    "gdpr_adequacy": flags.GDPR_VALUES,
    "travel_advice": flags.ENTERED_FLAGS["travel_advice"],
    "state_data_access_laws": flags.ENTERED_FLAGS["state_data_access_laws"],
}
CLEAN = {
    "sanctions_regime": "none",
    "academic_freedom_band": "high",
    "gdpr_adequacy": "eea",
}


@pytest.mark.parametrize(
    ("changes", "tier"),
    [
        ({}, "T0"),
        ({"academic_freedom_band": "not_assessed"}, "T0"),
        ({"travel_advice": "normal", "rule_of_law_band": "ok"}, "T0"),
        ({"gdpr_adequacy": "not_adequate"}, "T1"),
        ({"sanctions_regime": "targeted"}, "T1"),
        ({"academic_freedom_band": "medium", "gdpr_adequacy": "adequate"}, "T1"),
        ({"academic_freedom_band": "medium", "gdpr_adequacy": "not_adequate"}, "T1"),
        ({"rule_of_law_band": "weak", "travel_advice": "caution"}, "T1"),
        (
            {
                "sanctions_regime": "targeted",
                "academic_freedom_band": "medium",
                "gdpr_adequacy": "not_adequate",
            },
            "T2",
        ),
        ({"threat_assessment_named": "mentioned"}, "T2"),
        ({"threat_assessment_named": "main_actor"}, "T3"),
        ({"sanctions_regime": "sectoral"}, "T2"),
        ({"academic_freedom_band": "low"}, "T2"),
        ({"academic_freedom_band": "very_low"}, "T2"),
        ({"sanctions_regime": "comprehensive"}, "T3"),
        (
            {
                "threat_assessment_named": "main_actor",
                "academic_freedom_band": "very_low",
            },
            "T3",
        ),
        (
            {
                "threat_assessment_named": "mentioned",
                "academic_freedom_band": "very_low",
            },
            "T2",
        ),
        (
            {"threat_assessment_named": "main_actor", "academic_freedom_band": "high"},
            "T3",
        ),
    ],
)
def test_tier_table(changes, tier):
    assert tiers.derive_tier({**CLEAN, **changes}) == tier


@pytest.mark.parametrize(
    ("changes", "reason"),
    [
        ({}, "no_flags"),
        ({"gdpr_adequacy": "not_adequate"}, "minor"),
        ({"sanctions_regime": "comprehensive"}, "comprehensive_sanctions"),
        ({"threat_assessment_named": "main_actor"}, "threat_main_actor"),
        ({"threat_assessment_named": "mentioned"}, "threat_mentioned"),
        ({"sanctions_regime": "sectoral"}, "sectoral_sanctions"),
        ({"academic_freedom_band": "low"}, "academic_freedom_low"),
    ],
)
def test_the_tier_names_the_rule_that_decided_it(changes, reason):
    tier, why = tiers.tier_reason({**CLEAN, **changes})
    assert why == reason
    assert tier == tiers.derive_tier({**CLEAN, **changes})


def test_missing_flags_count_as_not_assessed():
    assert tiers.derive_tier({}) == "T0"


ALL_PROFILES = [
    dict(zip(VALUES, combo, strict=True))
    for combo in itertools.product(*VALUES.values())
]


def _worse_or_equal(a: dict[str, str], b: dict[str, str]) -> bool:
    """b is at least as bad as a in every flag (order of each value tuple)."""
    order = {
        **VALUES,
        "academic_freedom_band": ("not_assessed", "high", "medium", "low", "very_low"),
        "gdpr_adequacy": ("eea", "adequate", "not_adequate"),
    }
    return all(order[k].index(b[k]) >= order[k].index(a[k]) for k in VALUES)


def test_every_profile_gets_exactly_the_documented_tier():
    assert len(ALL_PROFILES) == 4 * 4 * 5 * 4 * 3 * 5 * 3
    for profile in ALL_PROFILES:
        tier = tiers.derive_tier(profile)
        comprehensive = profile["sanctions_regime"] == "comprehensive"
        main_actor = profile["threat_assessment_named"] == "main_actor"
        major = (
            profile["threat_assessment_named"] in ("mentioned", "main_actor")
            or profile["sanctions_regime"] == "sectoral"
            or profile["academic_freedom_band"] in ("low", "very_low")
        )
        minor = len(tiers.minor_flags(profile))
        if comprehensive or main_actor:
            assert tier == "T3", profile
        elif major or minor >= 3:
            assert tier == "T2", profile
        else:
            assert tier == ("T1" if minor else "T0"), profile


def test_a_worse_flag_never_lowers_the_tier():
    for profile in ALL_PROFILES[::7]:
        for key, values in VALUES.items():
            for value in values:
                worse = {**profile, key: value}
                if _worse_or_equal(profile, worse):
                    assert tiers.derive_tier(worse) >= tiers.derive_tier(profile)


@pytest.mark.parametrize(
    ("value", "band"),
    [
        (None, "not_assessed"),
        (1.0, "high"),
        (0.6, "high"),
        (0.599, "medium"),
        (0.4, "medium"),
        (0.399, "low"),
        (0.2, "low"),
        (0.199, "very_low"),
        (0.0, "very_low"),
    ],
)
def test_academic_freedom_bands_follow_the_afi_status_groups(value, band):
    assert flags.af_band(value) == band


def test_an_index_outside_zero_to_one_is_refused():
    with pytest.raises(ValueError, match="0 to 1"):
        flags.af_band(1.2)


@pytest.mark.parametrize(
    ("measures", "level"),
    [
        ("", "targeted"),
        ("Asset freeze;Travel ban", "targeted"),
        ("Asset freeze;Export control", "sectoral"),
        ("Arms restrictions;Asset freeze", "sectoral"),
        ("Investment ban", "sectoral"),
        ("Arms embargo;Asset freeze", "comprehensive"),
    ],
)
def test_regime_level_from_measures(measures, level):
    assert flags.regime_level(flags.parse_measures(measures)) == level


def test_a_norwegian_arms_embargo_is_comprehensive_and_the_strongest_regime_counts():
    assert flags.regime_level([], arms_embargo=True) == "comprehensive"
    assert flags.strongest(["targeted", "sectoral", "targeted"]) == "sectoral"
    assert flags.strongest([]) == "none"
