"""Every sanctions regime counts against the country it targets, and only that one.

The targets are decided here, regime by regime, as a contact point would read
each regulation; a change to the fixture that moves a target fails until this
table is updated on purpose. "" = the regime targets no country (thematic, or
it protects the named country, as the regimes "concerning Ukraine" and on
actions destabilising Moldova do).
"""

from __future__ import annotations

import pytest
from django.core.management import call_command

from countries import loading
from countries.models import Country, Indicator

EU_TARGETS = {
    "EU-AFG": "AF", "EU-BDI": "BI", "EU-BLR": "BY", "EU-BOSNIA": "BA",
    "EU-CAF": "CF", "EU-CHEM": "", "EU-COD": "CD", "EU-CYB": "", "EU-GIN": "GN",
    "EU-GNB": "GW", "EU-GTM": "GT", "EU-HAM": "", "EU-HARIRI": "LB", "EU-HR": "",
    "EU-HTI": "HT", "EU-IRN": "IR", "EU-IRQ": "IQ", "EU-LBY": "LY",
    "EU-LEBANON": "LB", "EU-MDA": "", "EU-MLI": "ML", "EU-MMR": "MM",
    "EU-NIC": "NI", "EU-NIGER": "NE", "EU-PRK": "KP", "EU-RUS": "RU",
    "EU-RUSDA": "RU", "EU-SDN": "SD", "EU-SDNZ": "SD", "EU-SOM": "SO",
    "EU-SSD": "SS", "EU-SYR": "SY", "EU-TAQA-EUAQ": "", "EU-TERR": "",
    "EU-TRANSNISTRIA": "", "EU-TUN": "TN", "EU-TUR": "TR",
    # "related to Ukraine": Russia's actions and the occupation authorities
    "EU-UKR": "RU",
    "EU-VEN": "VE", "EU-YEM": "YE", "EU-ZWE": "ZW",
}  # fmt: skip
NO_TARGETS = {
    "Afghanistan/Taliban": "AF", "Al-Qaeda and Isil": "", "Belarus": "BY",
    "Burma/Myanmar": "MM", "Burundi": "BI", "Central African Republic": "CF",
    "Darfur Province of Sudan": "SD", "Democratic Republic of the Congo": "CD",
    "Guinea": "GN", "Guinea-Bissau": "GW", "Haiti": "HT", "Iran": "IR",
    "Iraq": "IQ", "Lebanon": "LB", "Libya": "LY", "Mali": "ML", "Moldova": "",
    "Nicaragua": "NI", "North Korea": "KP", "Russia": "RU", "Somalia": "SO",
    "Syria": "SY", "South Sudan": "SS", "Tunisia": "TN",
    # the regulation on actions undermining Ukraine's territorial integrity
    "Ukraine": "RU",
    "Venezuela": "VE", "Zimbabwe": "ZW",
}  # fmt: skip


def test_the_tables_name_every_regime_in_the_fixtures():
    assert set(EU_TARGETS) == {r["program_key"] for r in _eu_rows()}
    assert set(NO_TARGETS) == {r["regime"] for r in _no_rows()}


@pytest.mark.parametrize(("key", "target"), EU_TARGETS.items())
def test_each_eu_regime_counts_against_its_target_only(key, target):
    row = next(r for r in _eu_rows() if r["program_key"] == key)
    assert row["target_iso2"] == target
    assert row["target_basis"].strip()
    loaded = [r["country_id"] for r in loading.eu_sanctions_records()]
    records = [
        r["country_id"] for r in loading.eu_sanctions_records() if r["reference"] == key
    ]
    assert records == ([target] if target else [])
    assert loaded  # the regimes load at all


@pytest.mark.parametrize(("regime", "target"), NO_TARGETS.items())
def test_each_norwegian_regime_counts_against_its_target_only(regime, target):
    row = next(r for r in _no_rows() if r["regime"] == regime)
    assert row["target_iso2"] == target
    assert row["target_basis"].strip()
    reference = row["lovdata_id"] or f"NO {regime}"
    records = [
        r["country_id"]
        for r in loading.norwegian_sanctions_records()
        if r["reference"] == reference
    ]
    assert records == ([target] if target else [])


@pytest.mark.django_db
def test_ukraine_and_moldova_carry_no_regime_that_protects_them():
    call_command("sync_countries", stdout=open("/dev/null", "w"))  # noqa: SIM115
    ukraine = Country.objects.get(iso2="UA")
    assert ukraine.sanctions_level == "none"
    assert ukraine.tier == "T1"  # academic freedom medium, GDPR not adequate
    assert not ukraine.indicators.filter(kind__startswith="sanctions").exists()
    assert Country.objects.get(iso2="MD").sanctions_level == "none"
    russia = Indicator.objects.filter(country_id="RU", kind="sanctions_eu")
    assert "EU-UKR" in set(russia.values_list("reference", flat=True))


def _eu_rows() -> list[dict[str, str]]:
    return loading.read_csv("eu_sanctions_regimes.csv")


def _no_rows() -> list[dict[str, str]]:
    return loading.read_csv("no_sanctions_regimes.csv")
