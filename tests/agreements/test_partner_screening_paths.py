"""Every way a partner enters or changes in the register screens it against the
named lists, and its candidate reaches the review page and the screening report."""

from __future__ import annotations

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook

from agreements import named_lists
from agreements.models import Partner, PartnerMatch
from screening.models import Report, Screening
from screening.reports import build
from tests import factories
from tests.screening.reports_support import pdf_text

pytestmark = pytest.mark.django_db

LIST = (
    b"name,aliases,country_iso2,parent_organization,notes\n"
    b"Harbin Engineering University,HEU,CN,,\n"
)
OTHER_LIST = (
    b"name,aliases,country_iso2,parent_organization,notes\nSomewhere Else,,RU,,\n"
)


@pytest.fixture
def china(db):
    return factories.CountryFactory(iso2="CN", name_nb="Kina", name_en="China")


def load_list(data: bytes = LIST, edition: str = "2025-06") -> None:
    named_lists.import_named_list(
        key="us_1286", data=data, title="US DoD Section 1286 list", edition=edition
    )


def shows_candidate(client, tmp_path, partner: Partner, screening=None) -> None:
    """The candidate is stored, on the review page, and in the report's text."""
    match = PartnerMatch.objects.get(partner=partner)
    assert match.entry.name == "Harbin Engineering University"
    assert match.score >= 0.70
    screening = screening or factories.ScreeningFactory(partner=partner)
    client.force_login(factories.contact_point())
    page = client.get(f"/screenings/{screening.pk}/review/").content.decode()
    assert "Harbin Engineering University" in page
    assert "US DoD Section 1286 list" in page
    assert f"/partners/{partner.pk}/matches/{match.pk}/" in page  # decide in place
    report = Report.objects.create(
        kind=Report.Kind.SCREENING,
        screening=screening,
        requested_by=factories.leader(language="en"),
        language="en",
        params={},
        data_fingerprint="x",
    )
    text = pdf_text(build.render(report).content, tmp_path)
    assert "Harbin Engineering University" in text
    assert "US DoD Section 1286 list" in text
    assert "2025-06" in text
    assert "Pending" in text


def new_screening(client, **fields) -> Screening:
    researcher = factories.researcher()
    client.force_login(researcher)
    data = {
        "title": "Hydrodynamics",
        "country": "CN",
        "unit": researcher.unit_id,
        "stage": "new",
        "components": ["joint_research"],
        **fields,
    }
    response = client.post("/screenings/new/", data)
    assert response.status_code == 302, response.content.decode()[:3000]
    return Screening.objects.get(title="Hydrodynamics")


def test_picking_a_registered_partner_screens_it(client, tmp_path, china):
    partner = factories.PartnerFactory(
        name="Harbin Engineering University", country=china
    )
    load_list()
    PartnerMatch.objects.all().delete()  # as if registered before the list came
    screening = new_screening(client, partner=partner.pk)
    assert screening.partner == partner
    shows_candidate(client, tmp_path, partner, screening)


def test_proposing_a_partner_registers_and_screens_it(client, tmp_path, china):
    load_list()
    screening = new_screening(
        client,
        proposed_partner_name="Harbin Engineering University",
        proposed_partner_country="CN",
    )
    partner = screening.partner
    assert partner.proposed
    assert partner.named_list_status == "candidate"
    client.force_login(factories.contact_point())
    assert "Harbin Engineering University" in client.get("/partners/").content.decode()
    shows_candidate(client, tmp_path, partner, screening)


def _import(client, name: str, content: bytes) -> Partner:
    client.force_login(factories.contact_point())
    preview = client.post(
        "/agreements/import/", {"file": SimpleUploadedFile(name, content)}
    )
    assert preview.context["bad_rows"] == []
    client.post("/agreements/import/confirm/")
    return Partner.objects.get(name="Harbin Engineering University")


ROW = ["Ocean engineering", "Harbin Engineering University", "CN", "2026-01-01"]
HEAD = ["Title", "Partners", "Countries", "Start date"]


def test_a_csv_import_screens_new_partners(client, tmp_path, china):
    load_list()
    content = (",".join(HEAD) + "\n" + ",".join(ROW) + "\n").encode()
    shows_candidate(client, tmp_path, _import(client, "register.csv", content))


def test_an_xlsx_import_screens_new_partners(client, tmp_path, china):
    load_list()
    book = Workbook()
    book.active.append(HEAD)
    book.active.append(ROW)
    out = io.BytesIO()
    book.save(out)
    shows_candidate(client, tmp_path, _import(client, "register.xlsx", out.getvalue()))


def test_editing_a_partner_in_the_register_screens_it(client, tmp_path, china):
    load_list()
    partner = factories.PartnerFactory(name="Harbin Polytechnic", country=china)
    assert not PartnerMatch.objects.filter(partner=partner).exists()
    client.force_login(factories.contact_point())
    client.post(
        f"/partners/{partner.pk}/edit/",
        {
            "name": "Harbin Engineering University",
            "kind": "university",
            "country": "CN",
        },
    )
    shows_candidate(client, tmp_path, partner)


def test_creating_a_partner_in_the_admin_screens_it(client, tmp_path, china):
    load_list()
    client.force_login(factories.UserFactory(is_staff=True, is_superuser=True))
    response = client.post(
        "/admin/agreements/partner/add/",
        {
            "name": "Harbin Engineering University",
            "country": "CN",
            "kind": "university",
            "aliases-TOTAL_FORMS": "0",
            "aliases-INITIAL_FORMS": "0",
            "aliases-MIN_NUM_FORMS": "0",
            "aliases-MAX_NUM_FORMS": "1000",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    shows_candidate(client, tmp_path, Partner.objects.get())


def test_a_new_list_edition_screens_existing_partners(client, tmp_path, china):
    load_list(OTHER_LIST, "2024-12")
    partner = factories.PartnerFactory(
        name="Harbin Engineering University", country=china
    )
    screening = factories.ScreeningFactory(partner=partner)
    assert not PartnerMatch.objects.filter(partner=partner).exists()
    load_list(LIST, "2025-06")
    shows_candidate(client, tmp_path, partner, screening)
