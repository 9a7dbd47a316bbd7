"""Adjudication on the partner page and the point-of-use check fragment."""

from __future__ import annotations

import pytest

from agreements import named_lists
from agreements.models import PartnerMatch
from tests import factories

LIST_CSV = (
    b"name,aliases,country_iso2\n"
    b"Harbin Institute of Technology,HIT,CN\n"
    b"Harbin Engineering University,HEU,CN\n"
)


@pytest.fixture(autouse=True)
def _english(client):
    client.cookies["django_language"] = "en"


@pytest.fixture
def listed(db):
    named_lists.import_named_list(
        key="nro",
        data=LIST_CSV,
        title="Named Research Organizations",
        edition="2025-03-11",
        licence="Crown copyright",
    )
    partner = factories.PartnerFactory(
        name="Harbin Institute of Technology",
        country=factories.CountryFactory(iso2="CN"),
    )
    named_lists.screen_partner(partner)
    return partner


def test_the_contact_point_sees_candidates_with_their_source(
    listed, client_for, contact_point
):
    page = client_for(contact_point).get(f"/partners/{listed.pk}/").content.decode()
    assert "Harbin Institute of Technology" in page
    assert "Named Research Organizations" in page
    assert "2025-03-11" in page
    assert "Crown copyright" in page
    assert f"/partners/{listed.pk}/matches/" in page  # decision form


def test_a_researcher_sees_the_status_but_no_buttons(listed, client_for, researcher):
    page = client_for(researcher).get(f"/partners/{listed.pk}/").content.decode()
    assert "Named Research Organizations" in page
    assert f"/partners/{listed.pk}/matches/" not in page


def test_a_decision_without_a_reason_is_refused_next_to_the_field(
    listed, client_for, contact_point
):
    match = PartnerMatch.objects.get(partner=listed)
    response = client_for(contact_point).post(
        f"/partners/{listed.pk}/matches/{match.pk}/",
        {"decision": "confirmed", "reason": "  "},
    )
    assert response.status_code == 200
    assert "invalid-feedback" in response.content.decode()
    match.refresh_from_db()
    assert match.status == "candidate"


def test_confirming_flags_the_partner_in_the_register(
    listed, client_for, contact_point
):
    match = PartnerMatch.objects.get(partner=listed)
    client = client_for(contact_point)
    response = client.post(
        f"/partners/{listed.pk}/matches/{match.pk}/",
        {"decision": "confirmed", "reason": "Same institution, same address"},
    )
    assert response.status_code == 302
    listed.refresh_from_db()
    assert listed.named_list_status == "confirmed"
    assert [f.detail for f in listed.facts().flags] == [
        "Harbin Institute of Technology"
    ]
    page = client.get(f"/partners/{listed.pk}/").content.decode()
    assert "Same institution, same address" in page


def test_the_check_names_the_list_in_neutral_words(listed, client_for, researcher):
    client = client_for(researcher)
    page = client.get(
        "/partners/check/", {"name": "Harbin Inst. of Tech.", "country": "CN"}
    )
    text = page.content.decode()
    assert "resembles an entry on Named Research Organizations (2025-03-11)" in text
    assert "contact point will assess it" in text
    by_partner = client.get("/partners/check/", {"partner": listed.pk}).content.decode()
    assert "Harbin Institute of Technology" in by_partner


@pytest.mark.parametrize(
    ("name", "shown"),
    [
        ("University of Bergen", "No probable matches"),
        ("", "Enter a name"),
        ("x" * 10_000, "too long"),
    ],
)
def test_the_check_answers_plainly_for_no_match_or_bad_input(
    listed, client_for, researcher, name, shown
):
    response = client_for(researcher).get("/partners/check/", {"name": name})
    assert response.status_code == 200
    assert shown in response.content.decode()
