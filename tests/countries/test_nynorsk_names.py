"""Country names in nynorsk: from the reference data, shown to nynorsk readers."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.utils import translation

from countries.models import Country
from tests import factories

pytestmark = pytest.mark.django_db


def test_sync_gives_every_country_its_nynorsk_name():
    call_command("sync_countries", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert Country.objects.filter(name_nn="").count() == 0
    assert Country.objects.get(iso2="NO").name_nn == "Noreg"
    assert Country.objects.get(iso2="AT").name_nn == "Austerrike"
    assert Country.objects.get(iso2="TL").name_nn == "Aust-Timor"
    sweden = Country.objects.get(iso2="SE")
    assert sweden.name_nn == sweden.name_nb == "Sverige"


def test_the_name_follows_the_language():
    austria = factories.CountryFactory(
        iso2="AT", iso3="AUT", name_nb="Østerrike", name_nn="Austerrike"
    )
    for language, field, name in [
        ("nb", "name_nb", "Østerrike"),
        ("nn", "name_nn", "Austerrike"),
        ("en", "name_en", austria.name_en),
    ]:
        with translation.override(language):
            assert Country.name_field() == field
            assert austria.name == name


def test_a_country_saved_without_a_nynorsk_name_has_the_bokmal_one():
    assert factories.CountryFactory(iso2="SE", name_nb="Sverige").name_nn == "Sverige"


def test_a_nynorsk_reader_sees_and_finds_the_nynorsk_names(client_for):
    factories.CountryFactory(
        iso2="AT", iso3="AUT", name_nb="Østerrike", name_nn="Austerrike"
    )
    client = client_for(factories.researcher(language="nn"))
    page = client.get("/countries/").content.decode()
    assert "Austerrike" in page
    assert "Østerrike" not in page
    assert "Austerrike" in client.get("/countries/?q=auster").content.decode()
