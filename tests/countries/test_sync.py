"""sync_countries: every country and its reference indicators, idempotently."""

from __future__ import annotations

import pytest
from django.core.management import call_command

from countries.models import Country, Indicator

pytestmark = pytest.mark.django_db


def sync() -> None:
    call_command("sync_countries", stdout=open("/dev/null", "w"))  # noqa: SIM115


def test_it_loads_every_country_with_cldr_names_and_derived_flags():
    sync()
    assert Country.objects.count() == 250
    russia = Country.objects.get(iso2="RU")
    assert (russia.name_nb, russia.name_en) == ("Russland", "Russia")
    assert Country.objects.get(iso2="XK").name_nb == "Kosovo"
    assert russia.sanctions_level == "comprehensive"
    assert russia.tier == "T3"
    assert (russia.af_value, russia.af_year, russia.af_band) == (0.204, 2023, "low")
    norway = Country.objects.get(iso2="NO")
    assert (norway.tier, norway.gdpr_adequacy, norway.af_band) == ("T0", "eea", "high")
    assert Country.objects.get(iso2="US").gdpr_adequacy == "adequate"
    assert Country.objects.get(iso2="CN").gdpr_adequacy == "not_adequate"
    assert Country.objects.get(iso2="AD").af_band == "not_assessed"


def test_norwegian_regimes_are_marked_to_be_verified_and_eu_regimes_are_context():
    sync()
    norwegian = Indicator.objects.filter(kind="sanctions_no")
    assert norwegian.count() > 20
    assert all(i.to_be_verified for i in norwegian)
    eu = Indicator.objects.get(country_id="BY", kind="sanctions_eu")
    assert "Arms embargo" in eu.detail
    assert not eu.to_be_verified
    assert eu.licence == "MIT (OpenSanctions)"


def test_running_it_twice_changes_nothing():
    sync()
    before = list(Indicator.objects.values_list("pk", "loaded_at").order_by("pk"))
    countries = list(Country.objects.values().order_by("iso2"))
    sync()
    assert (
        list(Indicator.objects.values_list("pk", "loaded_at").order_by("pk")) == before
    )
    assert list(Country.objects.values().order_by("iso2")) == countries


def test_an_administrators_confirmation_and_imported_data_survive_a_reload():
    sync()
    regime = Indicator.objects.get(
        country_id="RU", kind="sanctions_no", reference="FOR-2014-08-15-1076"
    )
    regime.to_be_verified = False
    regime.save()
    gdpr = Indicator.objects.get(country_id="GB", kind="gdpr_adequacy")
    gdpr.value, gdpr.origin = "not_adequate", Indicator.Origin.IMPORT
    gdpr.save()
    sync()
    regime.refresh_from_db()
    gdpr.refresh_from_db()
    assert regime.to_be_verified is False
    assert gdpr.value == "not_adequate"
    assert Country.objects.get(iso2="GB").gdpr_adequacy == "not_adequate"


def test_facts_carry_source_edition_licence_and_value_for_every_flag():
    sync()
    facts = Country.objects.get(iso2="CN").facts()
    assert facts.tier == "T3"  # named as a main actor in the threat assessments
    assert {f.flag for f in facts.facts} == {
        "sanctions_regime",
        "threat_assessment_named",
        "academic_freedom_band",
        "rule_of_law_band",
        "gdpr_adequacy",
        "travel_advice",
        "state_data_access_laws",
        "policy_instruction",
        "gdpr_adequacy_scope",
    }
    band = facts.get("academic_freedom_band")
    assert (band.value, band.detail, band.licence) == (
        "very_low",
        "0.065",
        "CC BY-SA 4.0",
    )
    assert "V-Dem" in band.source
    assert "2023" in band.edition
    assert band.url
    assert facts.value("travel_advice") == "not_assessed"
    assert facts.value("sanctions_regime") == "none"
    russia = Country.objects.get(iso2="RU").facts().get("sanctions_regime")
    assert russia.value == "comprehensive"
    assert "EU-RUS" in russia.detail
