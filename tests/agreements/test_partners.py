"""Partner institutions: search by name or alias, filters, forms, history."""

from __future__ import annotations

import pytest

from agreements.models import Partner
from tests import factories as f

pytestmark = pytest.mark.django_db


def names(response) -> list[str]:
    return [p.name for p in response.context["page_obj"]]


def test_search_by_name_or_alias_and_filters(client_for, researcher):
    china = f.CountryFactory(iso2="CN", name_nb="Kina")
    hit = f.PartnerFactory(name="Harbin Institute of Technology", country=china)
    f.PartnerAliasFactory(partner=hit, name="哈尔滨工业大学")
    f.PartnerFactory(name="Huawei Technologies", country=china, kind="company")
    f.PartnerFactory(name="Lunds universitet")
    client = client_for(researcher)
    assert names(client.get("/partners/", {"q": "哈尔滨"})) == [hit.name]
    assert names(client.get("/partners/", {"q": "harbin"})) == [hit.name]
    assert len(names(client.get("/partners/", {"country": "CN"}))) == 2
    assert names(client.get("/partners/", {"kind": "company"})) == [
        "Huawei Technologies"
    ]


def test_contact_point_creates_partner_with_aliases(client_for, contact_point):
    country = f.CountryFactory(iso2="NL")
    response = client_for(contact_point).post(
        "/partners/new/",
        {
            "name": "Delft University of Technology",
            "kind": "university",
            "country": "NL",
            "ror_id": "https://ror.org/02e2c7k09",
            "aliases": "TU Delft\nTechnische Universiteit Delft\nTU Delft",
        },
    )
    partner = Partner.objects.get()
    assert response["Location"] == f"/partners/{partner.pk}/"
    assert partner.country == country
    assert partner.ror_id == "02e2c7k09"
    assert sorted(a.name for a in partner.aliases.all()) == [
        "TU Delft",
        "Technische Universiteit Delft",
    ]


def test_invalid_ror_id_is_an_error_next_to_the_field(client_for, contact_point):
    f.CountryFactory(iso2="NL")
    response = client_for(contact_point).post(
        "/partners/new/",
        {"name": "X", "kind": "university", "country": "NL", "ror_id": "12345"},
    )
    assert response.status_code == 200
    assert response.context["form"].errors["ror_id"]
    assert not Partner.objects.exists()


def test_partner_history_and_matches_placeholder(client_for, contact_point):
    partner = f.PartnerFactory(name="Old name")
    client = client_for(contact_point)
    client.post(
        f"/partners/{partner.pk}/edit/",
        {"name": "New name", "kind": "university", "country": partner.country_id},
    )
    page = client.get(f"/partners/{partner.pk}/")
    changes = page.context["history"][0].changes
    assert [(c.old, c.new) for c in changes] == [("Old name", "New name")]
    assert b"matches-heading" in page.content
