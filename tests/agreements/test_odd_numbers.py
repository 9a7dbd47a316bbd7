"""Numbers a user can type that Python's int() refuses get a message, not a 500."""

from __future__ import annotations

import csv
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from agreements.models import Agreement
from tests import factories as f

pytestmark = pytest.mark.django_db
INTERVAL = "Review interval (months)"


def test_the_partner_check_treats_a_superscript_id_as_unknown(client_for, researcher):
    response = client_for(researcher).get("/partners/check/", {"partner": "²"})
    assert response.status_code == 404


def preview(client, given_id: str, interval: str):
    f.CountryFactory(iso2="SE", iso3="SWE", name_nb="Sverige", name_en="Sweden")
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(
        ["ID", "Title", "Partners", "Countries", "Start date", "Status", INTERVAL]
    )
    writer.writerow(
        [given_id, "Odd", "Lunds universitet", "SE", "2024-01-01", "active", interval]
    )
    upload = SimpleUploadedFile("register.csv", out.getvalue().encode())
    return client.post("/agreements/import/", {"file": upload})


def test_an_infinite_review_interval_is_a_row_error(client_for, contact_point):
    response = preview(client_for(contact_point), "", "inf")
    assert response.status_code == 200
    (row,) = response.context["bad_rows"]
    assert "6, 12, 24" in " ".join(row.errors)
    assert not Agreement.objects.exists()


def test_a_superscript_id_is_a_new_agreement(client_for, contact_point):
    response = preview(client_for(contact_point), "²", "12")
    assert response.status_code == 200
    assert not response.context["bad_rows"]
    assert not Agreement.objects.exists()
