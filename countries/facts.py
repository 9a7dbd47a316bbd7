"""Sourced facts about countries and partners: the non-answer inputs of the risk engine.

Pure Python (no Django imports), in the bottom layer because every app above
reads it: the countries app builds a CountryFacts from a Country profile
(`Country.facts()`), the agreements app a PartnerFacts from a Partner and
its confirmed named-list matches (`Partner.facts()`); the scoring engine
reads them and cites each Fact it used, with its source and edition, in the
explanation ledger.

Country flag keys and values ("not_assessed" where an administrator has not
entered the flag):
  sanctions_regime         none | targeted | sectoral | comprehensive
  threat_assessment_named  not_assessed | no | mentioned | main_actor
  academic_freedom_band    high | medium | low | very_low | not_assessed
  rule_of_law_band         not_assessed | ok | weak | very_weak
  gdpr_adequacy            eea | adequate | not_adequate
  travel_advice            not_assessed | normal | caution | against_non_essential
                           | against_all
  state_data_access_laws   not_assessed | no | yes
  policy_instruction       none | institutional_freeze  (a Norwegian policy
                           instruction to institutions, e.g. the 2022 freeze on
                           institutional cooperation with Russia)
  gdpr_adequacy_scope      "" | full | dpf_certified | commercial | private_sector
                           (the organisations an adequacy decision covers; a
                           partial scope is asked about in the questionnaire)
The value register (valueregister app) gives an AssetFacts per asset the
researcher picked: its sensitivity is one of the level keys (low | medium |
high | very_high), read by `asset_flags` rules and the `asset.sensitivity` fact.
Partner flag keys and values:
  named_list               confirmed  (one Fact per confirmed match; source = list
                           title, edition = list edition, detail = the entry's name)
  sanctions_list           confirmed
  incident                 yes
"""

from __future__ import annotations

from dataclasses import dataclass, field

TIERS = ("T0", "T1", "T2", "T3")


@dataclass(frozen=True)
class Fact:
    """One sourced fact: Fact("academic_freedom_band", "low", "V-Dem v14", "2023")."""

    flag: str
    value: str
    source: str
    edition: str = ""
    licence: str = ""
    url: str = ""
    detail: str = ""  # e.g. the numeric index "0.087", or the matched list entry
    checked: str = ""  # ISO date the source was last checked, where it has no edition
    # verified | to_be_verified | institution (the contact point overrode it);
    # "" where no record stands behind the value (not assessed, defaults)
    state: str = ""

    def to_json(self) -> dict[str, str]:
        return {
            "flag": self.flag,
            "value": self.value,
            "source": self.source,
            "edition": self.edition,
            "licence": self.licence,
            "url": self.url,
            "detail": self.detail,
            "checked": self.checked,
            "state": self.state,
        }


@dataclass(frozen=True)
class CountryFacts:
    iso2: str
    name: str
    tier: str = "T0"  # derived for display and branching only; adds no points
    facts: tuple[Fact, ...] = field(default=())

    def get(self, flag: str) -> Fact | None:
        return next((f for f in self.facts if f.flag == flag), None)

    def value(self, flag: str, default: str = "not_assessed") -> str:
        fact = self.get(flag)
        return fact.value if fact else default


@dataclass(frozen=True)
class PartnerFacts:
    partner_id: int | None
    name: str
    country: str = ""  # ISO alpha-2
    kind: str = ""  # partner type key, e.g. "university", "military"
    flags: tuple[Fact, ...] = field(default=())

    def having(self, flag: str) -> tuple[Fact, ...]:
        return tuple(f for f in self.flags if f.flag == flag)


@dataclass(frozen=True)
class AssetFacts:
    """One asset of the institution's value register that the case touches."""

    asset_id: int
    name: str
    kind: str = ""  # research_area | infrastructure | data_set | technology
    unit: str = ""  # the owning unit's name
    sensitivity: str = "low"  # a level key
