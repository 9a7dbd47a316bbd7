"""Titles are one line: a line break never reaches an e-mail subject (issue 21)."""

from __future__ import annotations

import csv
import io

import pytest
from django.core.exceptions import ValidationError

from agreements import importing, spreadsheet
from agreements.models import Agreement
from screening.models import Screening
from tests import factories as f

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "title", ["Optics\nBcc: a@example.com", "Optics\r", "A\u2028B", "A\x0bB"]
)
def test_the_models_refuse_a_title_with_a_line_break(title):
    agreement = f.AgreementFactory.build(title=title)
    with pytest.raises(ValidationError) as refused:
        agreement.full_clean(exclude=["partners", "responsible_unit"])
    assert "title" in refused.value.message_dict
    screening = f.ScreeningFactory()
    screening.title = title
    with pytest.raises(ValidationError) as refused:
        screening.full_clean()
    assert "title" in refused.value.message_dict


def test_a_forged_agreement_form_with_a_line_break_saves_one_line(
    client_for, contact_point
):
    partner = f.PartnerFactory()
    response = client_for(contact_point).post(
        "/agreements/new/",
        {
            "title": "Polar\r\nresearch ",
            "kind": "research",
            "partners": [partner.pk],
            "status": "active",
            "start_date": "2025-01-01",
            "end_date": "2028-01-01",
            "review_interval_months": 12,
            "version": 1,
        },
    )
    assert response.status_code == 302
    assert Agreement.objects.get().title == "Polar research"


def test_a_new_screening_title_with_a_line_break_is_one_line(client_for, researcher):
    partner = f.PartnerFactory()
    response = client_for(researcher).post(
        "/screenings/new/",
        {
            "title": "Felt\nkurs",
            "partner": partner.pk,
            "components": ["joint_research"],
            "unit": researcher.unit_id,
            "stage": "new",
        },
    )
    assert response.status_code == 302
    assert Screening.objects.get(owner=researcher).title == "Felt kurs"


def test_a_multi_line_spreadsheet_cell_imports_as_one_line_title():
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["Title", "Start date"])
    writer.writerow(["Joint\nlab\r\nNorth", "2024-01-01"])
    records = spreadsheet.read("register.csv", out.getvalue().encode())
    [row] = importing.validate(records)
    assert row.errors == []
    assert row.title == row.values["title"] == "Joint lab North"
