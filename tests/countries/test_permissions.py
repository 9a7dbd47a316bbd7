"""Who may open the country pages and who may record an assessment."""

from __future__ import annotations

import pytest

from tests import factories

pytestmark = pytest.mark.django_db
ASSESS = {"level": "low", "rationale": "A sound rationale for the level."}


def make(role: str, unit):
    return {
        "anonymous": lambda: None,
        "researcher_same_unit": lambda: factories.researcher(unit=unit),
        "researcher_other_unit": lambda: factories.researcher(),
        "contact_point": lambda: factories.contact_point(),
        "export_control": lambda: factories.export_officer(),
        "leadership": lambda: factories.leader(),
        "superuser": lambda: factories.UserFactory(is_superuser=True, is_staff=True),
    }[role]()


MATRIX = [
    # role, GET list, GET detail, POST assessment
    ("anonymous", 302, 302, 302),
    ("researcher_same_unit", 200, 200, 403),
    ("researcher_other_unit", 200, 200, 403),
    ("contact_point", 200, 200, 302),
    ("export_control", 200, 200, 403),
    ("leadership", 200, 200, 403),
    ("superuser", 200, 200, 302),
]


@pytest.mark.parametrize(("role", "listing", "detail", "assess"), MATRIX)
def test_country_pages_by_role(client, role, listing, detail, assess):
    unit = factories.UnitFactory()
    factories.CountryFactory(iso2="CN", iso3="CHN")
    user = make(role, unit)
    if user is not None:
        client.force_login(user)
    assert client.get("/countries/").status_code == listing
    assert client.get("/countries/CN/").status_code == detail
    assert client.post("/countries/CN/", ASSESS).status_code == assess


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("anonymous", 302),
        ("researcher_same_unit", 403),
        ("researcher_other_unit", 403),
        ("contact_point", 400),  # an empty change is an error next to the field
        ("export_control", 403),
        ("leadership", 403),
        ("superuser", 400),
    ],
)
def test_only_the_contact_point_confirms_or_changes_a_country_fact(
    client, role, expected
):
    factories.CountryFactory(iso2="CN", iso3="CHN")
    user = make(role, factories.UnitFactory())
    if user is not None:
        client.force_login(user)
    url = "/countries/CN/facts/threat_assessment_named/"
    assert client.post(url, {}).status_code == expected
