"""Country pages in the reader's language: dates, numbers, source text, partners."""

from __future__ import annotations

import datetime

import pytest
from django.template.loader import render_to_string
from django.utils import translation

from countries import loading, services
from countries.labels import fact_rows
from countries.models import Indicator
from tests.factories import (
    AgreementFactory,
    CountryFactory,
    IndicatorFactory,
    PartnerFactory,
    UnitFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def china():
    country = CountryFactory(iso2="CN", iso3="CHN", name_nb="Kina", name_en="China")
    IndicatorFactory(
        country=country,
        value="0.065",
        numeric_value=0.065,
        year=2023,
        edition="V-Dem v14",
        detail="China: Liberal Democracy Index 0.037; Regimes of the World: x",
        origin=Indicator.Origin.FIXTURE,
    )
    IndicatorFactory(
        country=country,
        kind=Indicator.Kind.GDPR,
        value="not_adequate",
        checked_on=datetime.date(2026, 11, 23),
        source="European Commission adequacy decisions",
        origin=Indicator.Origin.FIXTURE,
    )
    IndicatorFactory(
        country=country,
        kind=Indicator.Kind.SANCTIONS_NO,
        reference="FOR-1",
        value="Forskrift om tiltak",
        detail="Arms embargo",
        origin=Indicator.Origin.FIXTURE,
    )
    services.refresh_country_flags()
    return country


def english(client):
    client.cookies["django_language"] = "en"
    return client


def test_gdpr_check_date_is_loaded_as_a_date_not_as_words():
    records = loading.gdpr_records()
    assert records
    assert all(isinstance(r["checked_on"], datetime.date) for r in records)
    assert not any("checked" in r.get("edition", "") for r in records)


def test_check_date_reads_in_the_page_language(client_for, researcher, china):
    client = client_for(researcher)
    text = client.get("/countries/CN/").text
    assert "kontrollert 23.11.2026" in text
    assert "checked" not in text
    assert "2026-11-23" not in text
    text = english(client).get("/countries/CN/").text
    assert "checked 23 Nov 2026" in text


def test_index_value_uses_the_decimal_comma_on_every_table(
    client_for, researcher, china
):
    text = client_for(researcher).get("/countries/CN/").text
    assert text.count("0,065") == 2  # the flag table and the indicator table
    assert "0.065" not in text
    assert "0.065" in english(client_for(researcher)).get("/countries/CN/").text


def test_source_text_in_english_is_marked_for_screen_readers(
    client_for, researcher, china
):
    text = client_for(researcher).get("/countries/CN/").text
    assert "Kildens ordlyd (engelsk):" in text
    assert '<span lang="en">China: Liberal Democracy Index' in text


def test_details_we_wrote_are_translated(client_for, researcher, china):
    text = client_for(researcher).get("/countries/CN/").text
    assert "Våpenembargo" in text
    assert "Arms embargo" not in text


def test_no_sanctions_fact_is_in_the_page_language(researcher):
    country = CountryFactory(iso2="IS", iso3="ISL", name_nb="Island")
    with translation.override("nb"):
        fact = country.facts().get("sanctions_regime")
    assert fact.detail.startswith("Ingen sanksjonsregime")
    assert "EUs restriktive tiltak" in fact.source


def test_screening_facts_box_localises_number_and_check_date(china):
    china.refresh_from_db()
    with translation.override("nb"):
        facts = china.facts()
        html = render_to_string(
            "screening/_country_facts.html",
            {"facts": facts, "rows": fact_rows(facts)},
        )
    assert "(0,065)" in html
    assert "kontrollert 23.11.2026" in html
    assert "0.065" not in html


def test_country_page_lists_partners_and_the_agreements_with_them(
    client_for, contact_point, china
):
    partner = PartnerFactory(name="Tsinghua University", country=china)
    agreement = AgreementFactory(
        title="Ocean acidification",
        partners=[partner],
        end_date=datetime.date(2027, 2, 19),
    )
    PartnerFactory(name="Peking University", country=china)
    PartnerFactory(name="Lund University", country=CountryFactory(iso2="SE"))
    text = client_for(contact_point).get("/countries/CN/").text
    assert f'href="/partners/{partner.pk}/">Tsinghua University' in text
    assert f'href="/agreements/{agreement.pk}/">Ocean acidification' in text
    assert "utløper 19.02.2027" in text
    assert "Peking University" in text
    assert "Lund University" not in text
    assert 'href="/agreements/?country=CN"' in text


def test_researcher_sees_the_partner_but_only_agreements_of_their_unit(
    client_for, researcher, china
):
    partner = PartnerFactory(name="Tsinghua University", country=china)
    AgreementFactory(title="Deal of another unit", partners=[partner])
    AgreementFactory(
        title="Deal of our unit", partners=[partner], responsible_unit=researcher.unit
    )
    text = client_for(researcher).get("/countries/CN/").text
    assert "Tsinghua University" in text
    assert "Deal of our unit" in text
    assert "Deal of another unit" not in text
    assert "Du ser avtalene til din egen enhet" in text


def test_country_without_partners_says_so(client_for, researcher, china):
    text = client_for(researcher).get("/countries/CN/").text
    assert "Registeret har ingen partnerinstitusjoner i dette landet." in text


def test_partner_list_query_count_does_not_grow_with_rows(
    client_for, contact_point, china, django_assert_max_num_queries
):
    client = client_for(contact_point)
    unit = UnitFactory()
    AgreementFactory(partners=[PartnerFactory(country=china)], responsible_unit=unit)
    client.get("/countries/CN/")
    with django_assert_max_num_queries(30) as few:
        client.get("/countries/CN/")
    for _ in range(15):
        AgreementFactory(
            partners=[PartnerFactory(country=china)], responsible_unit=unit
        )
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get("/countries/CN/")
    assert response.text.count('href="/agreements/') >= 16


def test_eu_measures_read_as_a_list_in_the_source_language(client_for, researcher):
    IndicatorFactory(
        country=CountryFactory(iso2="RU"),
        kind=Indicator.Kind.SANCTIONS_EU,
        reference="EU-RUS",
        value="EU sanctions related to Ukraine",
        detail="Asset freeze;Travel ban",
        origin=Indicator.Origin.FIXTURE,
    )
    text = client_for(researcher).get("/countries/RU/").text
    assert '<span lang="en">EU sanctions related to Ukraine</span>' in text
    assert '<span lang="en">Asset freeze; Travel ban</span>' in text
