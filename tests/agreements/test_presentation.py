"""The register reads in the page language: local short dates and the tier legend."""

from __future__ import annotations

import datetime

import pytest

from tests.factories import AgreementFactory, PartnerFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def agreement():
    return AgreementFactory(
        title="Ocean acidification",
        start_date=datetime.date(2024, 3, 5),
        end_date=datetime.date(2027, 2, 19),
    )


def test_overview_shows_local_short_dates(client_for, contact_point, agreement):
    client = client_for(contact_point)
    text = client.get("/agreements/").text
    assert "05.03.2024" in text
    assert "19.02.2027" in text
    assert "2027-02-19" not in text
    client.cookies["django_language"] = "en"
    assert "19 Feb 2027" in client.get("/agreements/").text


def test_agreement_and_partner_pages_show_local_short_dates(
    client_for, contact_point, agreement
):
    client = client_for(contact_point)
    text = client.get(f"/agreements/{agreement.pk}/").text
    assert "05.03.2024 \N{EN DASH} 19.02.2027" in text
    partner = agreement.partners.get()
    text = client.get(f"/partners/{partner.pk}/").text
    assert "utløper 19.02.2027" in text
    assert "2027-02-19" not in text


def test_history_shows_changed_dates_in_the_local_format(
    client_for, contact_point, agreement
):
    agreement.end_date = datetime.date(2028, 6, 30)
    agreement.save()
    text = client_for(contact_point).get(f"/agreements/{agreement.pk}/").text
    assert "<del>19.02.2027</del> → <ins>30.06.2028</ins>" in text
    assert "2028-06-30" not in text


def test_overview_explains_the_country_tiers_in_words(
    client_for, contact_point, agreement
):
    text = client_for(contact_point).get("/agreements/").text
    assert "Landkategorier" in text
    assert "ett eller to mindre flagg" in text
    assert "aldri personer, og gir ingen poeng" in text


def test_tier_legend_is_in_english_on_the_english_page(client_for, researcher):
    AgreementFactory(partners=[PartnerFactory()], responsible_unit=researcher.unit)
    client = client_for(researcher)
    client.cookies["django_language"] = "en"
    text = client.get("/agreements/").text
    assert "Country tiers" in text
    assert "never people, and add no points to a screening" in text


def test_sort_options_read_in_the_page_language(client_for, contact_point, agreement):
    client = client_for(contact_point)
    text = client.get("/agreements/").text
    assert "Slutt (omvendt rekkefølge)" in text
    assert "(descending)" not in text
    client.cookies["django_language"] = "en"
    text = client.get("/agreements/").text
    assert "End (descending)" in text
    assert "Slutt" not in text
