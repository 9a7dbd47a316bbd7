"""Country list and profile pages."""

from __future__ import annotations

import pytest
from django.core import mail

from countries import services
from countries.models import Assessment
from tests.factories import AssessmentFactory, CountryFactory, IndicatorFactory

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
        source="V-Dem Academic Freedom Index",
        source_url="https://www.v-dem.net/",
        licence="CC BY-SA 4.0",
    )
    IndicatorFactory(
        country=country,
        kind="sanctions_no",
        reference="FOR-2000-01-01-1",
        value="Forskrift om tiltak",
        source="Norwegian sanctions regulations",
        source_url="https://lovdata.no/x",
        licence="Public legal information",
        to_be_verified=True,
    )
    services.refresh_country_flags()
    country.refresh_from_db()
    return country


def test_list_shows_tier_band_value_year_and_sanctions(client_for, researcher, china):
    CountryFactory(iso2="SE", iso3="SWE", name_nb="Sverige", name_en="Sweden")
    response = client_for(researcher).get("/countries/")
    assert response.status_code == 200
    text = response.text
    assert "Kina" in text
    assert "Sverige" in text
    assert "0,065" in text
    assert "(2023)" in text
    assert "T2" in text


def test_list_filters_by_tier_band_sanctions_and_name(client_for, researcher, china):
    CountryFactory(iso2="SE", iso3="SWE", name_nb="Sverige", name_en="Sweden")
    client = client_for(researcher)
    assert "Sverige" not in client.get("/countries/?tier=T2").text
    assert "Kina" in client.get("/countries/?af_band=very_low").text
    assert "Kina" not in client.get("/countries/?af_band=high").text
    assert "Kina" in client.get("/countries/?sanctions_level=targeted").text
    found = client.get("/countries/?q=sver").text
    assert "Sverige" in found
    assert "Kina" not in found
    assert "Kina" in client.get("/countries/?q=chn").text


def test_list_sorts_names_in_norwegian_order(client_for, researcher):
    for iso2, name in (("AT", "Østerrike"), ("AX", "Åland"), ("SE", "Sverige")):
        CountryFactory(iso2=iso2, iso3=iso2 + "X", name_nb=name)
    text = client_for(researcher).get("/countries/?sort=name").text
    assert text.index("Sverige") < text.index("Østerrike") < text.index("Åland")
    text = client_for(researcher).get("/countries/?sort=-name").text
    assert text.index("Åland") < text.index("Sverige")


def test_list_query_count_does_not_grow_with_rows(
    client_for, researcher, django_assert_max_num_queries
):
    client = client_for(researcher)
    CountryFactory.create_batch(3)
    client.get("/countries/")
    with django_assert_max_num_queries(6) as few:
        client.get("/countries/?sort=-af")
    CountryFactory.create_batch(60)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get("/countries/?sort=-af")
    assert response.text.count('<th scope="row">') == 63


def test_detail_shows_every_indicator_with_source_licence_and_verification(
    client_for, researcher, china
):
    response = client_for(researcher).get("/countries/cn/")
    assert response.status_code == 200
    text = response.text
    assert "https://www.v-dem.net/" in text
    assert "CC BY-SA 4.0" in text
    assert "https://lovdata.no/x" in text
    assert "Forskrift om tiltak" in text
    assert "Skal kontrolleres mot Lovdata" in text
    assert "Ikke vurdert" in text  # travel advice etc. not entered yet
    assert "aldri enkeltpersoner" in text  # the non-discrimination note
    assert 'name="rationale"' not in text  # no assessment form for researchers


def test_unknown_country_is_404(client_for, researcher):
    assert client_for(researcher).get("/countries/QQ/").status_code == 404


def test_contact_point_records_an_assessment_and_keeps_the_history(
    client_for, contact_point, china, django_capture_on_commit_callbacks
):
    AssessmentFactory(country=china, level="medium", rationale="Earlier view of it.")
    client = client_for(contact_point)
    assert 'name="rationale"' in client.get("/countries/CN/").text
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/countries/CN/", {"level": "high", "rationale": "Named in PST 2026."}
        )
    assert response.status_code == 302
    assert response.url == "/countries/CN/"
    assert Assessment.objects.filter(country=china).count() == 2
    page = client.get("/countries/CN/").text
    assert "Named in PST 2026." in page
    assert "Earlier view of it." in page
    assert china.current_assessment.level == "high"
    assert len(mail.outbox) == 1
    assert "Kina" in mail.outbox[0].subject


def test_a_too_short_rationale_is_shown_next_to_the_field(
    client_for, contact_point, china
):
    response = client_for(contact_point).post(
        "/countries/CN/", {"level": "high", "rationale": "no"}
    )
    assert response.status_code == 200
    assert "invalid-feedback" in response.text
    assert not Assessment.objects.exists()


@pytest.mark.parametrize("role", ["researcher", "leader", "export_officer"])
def test_other_roles_may_not_record_an_assessment(request, client_for, china, role):
    user = request.getfixturevalue(role)
    response = client_for(user).post(
        "/countries/CN/", {"level": "low", "rationale": "Not allowed to say so."}
    )
    assert response.status_code == 403
    assert not Assessment.objects.exists()
