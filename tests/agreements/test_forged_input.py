"""Ids beyond any integer column and odd `next` targets: a form error or a safe
redirect, never a 500 (issue #21). SQLite refuses such ids with OverflowError,
so the forms check the range themselves, whatever the database."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from agreements.models import Agreement, Partner
from tests import factories as f

pytestmark = pytest.mark.django_db
HUGE = "99999999999999999999"


def agreement_data(**changes) -> dict:
    data = {
        "title": "Havforskning",
        "kind": "other",
        "status": "draft",
        "review_interval_months": "12",
        "version": "1",
    }
    return data | changes


@pytest.mark.parametrize("value", [HUGE, f"-{HUGE}", "9223372036854775808"])
def test_a_partner_id_beyond_any_integer_is_an_error_next_to_the_field(
    client_for, contact_point, value
):
    partner = f.PartnerFactory()
    response = client_for(contact_point).post(
        "/agreements/new/", agreement_data(partners=[str(partner.pk), value])
    )
    assert response.status_code == 200
    assert list(response.context["form"].errors) == ["partners"]
    assert not Agreement.objects.exists()


@pytest.mark.parametrize("field", ["responsible_unit", "responsible_person"])
def test_a_unit_or_person_id_beyond_any_integer_is_an_error(
    client_for, contact_point, field
):
    response = client_for(contact_point).post(
        "/agreements/new/", agreement_data(**{field: HUGE})
    )
    assert response.status_code == 200
    assert field in response.context["form"].errors


def test_the_agreement_form_still_saves_real_partners(client_for, contact_point):
    partner = f.PartnerFactory()
    response = client_for(contact_point).post(
        "/agreements/new/", agreement_data(partners=[str(partner.pk)])
    )
    assert response.status_code == 302
    assert list(Agreement.objects.get().partners.all()) == [partner]


@pytest.mark.parametrize("param", ["partner", "unit"])
def test_the_overview_filter_ignores_an_id_beyond_any_integer(
    client_for, contact_point, param
):
    response = client_for(contact_point).get(f"/agreements/?{param}={HUGE}")
    assert response.status_code == 200


@pytest.mark.parametrize("target", ["abc", "list", "https://evil.example/"])
def test_confirming_a_proposed_partner_with_an_odd_next_goes_to_the_partner(
    client_for, contact_point, target
):
    proposed = f.PartnerFactory(proposed=True)
    response = client_for(contact_point).post(
        f"/partners/{proposed.pk}/confirm/", {"next": target}
    )
    assert response.status_code == 302
    assert response["Location"] == proposed.get_absolute_url()
    assert not Partner.objects.get(pk=proposed.pk).proposed


@pytest.mark.parametrize(
    ("column", "label"), [("Title", "Tittel"), ("Partners", "Partnere")]
)
def test_an_import_value_longer_than_its_column_is_a_row_error(
    client_for, contact_point, column, label, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    f.CountryFactory(iso2="SE", iso3="SWE", name_nb="Sverige", name_en="Sweden")
    values = {"Title": "Havforskning", "Partners": "Lunds universitet"}
    values[column] = "x" * 301
    content = f"Title,Partners,Countries\n{values['Title']},{values['Partners']},SE\n"
    client = client_for(contact_point)
    response = client.post(
        "/agreements/import/",
        {"file": SimpleUploadedFile("register.csv", content.encode())},
    )
    (row,) = response.context["bad_rows"]
    assert row.errors == [f"{label}: høyst 300 tegn (denne har 301)."]
    assert client.post("/agreements/import/confirm/").status_code == 302
    assert not Agreement.objects.exists()
    assert not Partner.objects.exists()
