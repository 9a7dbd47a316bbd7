"""Creating and editing agreements: conflict check, history, documents."""

from __future__ import annotations

import datetime
import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from agreements.models import Agreement
from tests import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _private_media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def form_data(agreement: Agreement, **changes) -> dict:
    data = {
        "title": agreement.title,
        "kind": agreement.kind,
        "partners": [p.pk for p in agreement.partners.all()],
        "status": agreement.status,
        "responsible_unit": agreement.responsible_unit_id or "",
        "responsible_person": agreement.responsible_person_id or "",
        "start_date": agreement.start_date.isoformat(),
        "end_date": agreement.end_date.isoformat(),
        "signing_level": agreement.signing_level,
        "review_interval_months": agreement.review_interval_months,
        "has_termination_clause": "on" if agreement.has_termination_clause else "",
        "notes": agreement.notes,
        "version": agreement.version,
    }
    data.update(changes)
    return {k: v for k, v in data.items() if v != ""}


def docx_bytes() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        # Fixed timestamps: a name-only writestr stamps the current time, so
        # two calls across a two-second boundary would give different bytes.
        for name, body in (
            ("[Content_Types].xml", "<Types/>"),
            ("word/document.xml", "<w:document/>"),
        ):
            stamped = zipfile.ZipInfo(name, date_time=(2024, 1, 1, 0, 0, 0))
            archive.writestr(stamped, body)
    return out.getvalue()


def test_contact_point_creates_an_agreement(client_for, contact_point):
    partner = f.PartnerFactory()
    response = client_for(contact_point).post(
        "/agreements/new/",
        {
            "title": "Polar research",
            "kind": "research",
            "partners": [partner.pk],
            "status": "active",
            "start_date": "2025-01-01",
            "end_date": "2028-01-01",
            "review_interval_months": 12,
            "version": 1,
        },
    )
    agreement = Agreement.objects.get(title="Polar research")
    assert response["Location"] == f"/agreements/{agreement.pk}/"
    assert list(agreement.partners.all()) == [partner]
    assert agreement.history.first().history_user == contact_point


def test_end_before_start_is_an_error_next_to_the_field(client_for, contact_point):
    agreement = f.AgreementFactory()
    response = client_for(contact_point).post(
        f"/agreements/{agreement.pk}/edit/",
        form_data(agreement, end_date="2020-01-01", start_date="2021-01-01"),
    )
    assert response.status_code == 200
    assert response.context["form"].errors["end_date"]


def test_second_of_two_concurrent_saves_is_refused(client_for, contact_point):
    agreement = f.AgreementFactory(title="Original", notes="")
    seen_by_both = form_data(agreement)
    other = f.contact_point()
    client = client_for(other)
    first = client.post(
        f"/agreements/{agreement.pk}/edit/",
        {**seen_by_both, "title": "Renamed by Kari", "status": "terminated"},
    )
    assert first.status_code == 302

    client = client_for(contact_point)
    second = client.post(
        f"/agreements/{agreement.pk}/edit/", {**seen_by_both, "notes": "My notes"}
    )
    assert second.status_code == 200
    changed = {c.field: c.new for c in second.context["conflict"]}
    assert changed["title"] == "Renamed by Kari"
    assert changed["status"] in ("Terminated", "Avsluttet")
    assert "Renamed by Kari" in second.content.decode()
    agreement.refresh_from_db()
    assert (agreement.title, agreement.notes) == ("Renamed by Kari", "")

    # Saving again after seeing the changes is a deliberate choice and works.
    resubmit = second.context["form"].data
    assert client.post(f"/agreements/{agreement.pk}/edit/", resubmit).status_code == 302
    agreement.refresh_from_db()
    assert agreement.notes == "My notes"


def test_history_shows_who_changed_what(client_for, contact_point):
    agreement = f.AgreementFactory(title="Before")
    client = client_for(contact_point)
    client.post(
        f"/agreements/{agreement.pk}/edit/", form_data(agreement, title="After")
    )
    page = client.get(f"/agreements/{agreement.pk}/")
    latest = page.context["history"][0]
    assert latest.who == str(contact_point)
    assert [(c.field, c.old, c.new) for c in latest.changes] == [
        ("title", "Before", "After")
    ]
    html = page.content.decode()
    assert "<del>Before</del>" in html
    assert "<ins>After</ins>" in html


def test_document_is_checked_by_content(client_for, contact_point):
    agreement = f.AgreementFactory()
    client = client_for(contact_point)
    fake = SimpleUploadedFile("agreement.pdf", b"MZ\x90\x00 an executable")
    response = client.post(
        f"/agreements/{agreement.pk}/edit/", {**form_data(agreement), "document": fake}
    )
    assert response.context["form"].errors["document"]
    renamed = SimpleUploadedFile("agreement.docx", b"%PDF-1.7 real pdf")
    response = client.post(
        f"/agreements/{agreement.pk}/edit/",
        {**form_data(agreement), "document": renamed},
    )
    assert response.context["form"].errors["document"]


def test_document_is_stored_privately_and_downloaded(client_for, contact_point):
    agreement = f.AgreementFactory()
    client = client_for(contact_point)
    upload = SimpleUploadedFile("Signed MoU.docx", docx_bytes())
    client.post(
        f"/agreements/{agreement.pk}/edit/",
        {**form_data(agreement), "document": upload},
    )
    agreement.refresh_from_db()
    assert agreement.document_name == "Signed MoU.docx"
    assert "Signed" not in agreement.document.name
    assert agreement.document.name.startswith("agreements/documents/")
    response = client.get(f"/agreements/{agreement.pk}/document/")
    assert response.status_code == 200
    assert "Signed MoU.docx" in response["Content-Disposition"]
    assert b"".join(response.streaming_content) == docx_bytes()


def test_oversized_document_is_refused(client_for, contact_point, settings):
    agreement = f.AgreementFactory()
    big = SimpleUploadedFile("big.pdf", b"%PDF-1.7" + b"0" * (10 * 1024 * 1024))
    response = client_for(contact_point).post(
        f"/agreements/{agreement.pk}/edit/", {**form_data(agreement), "document": big}
    )
    assert response.context["form"].errors["document"]
    agreement.refresh_from_db()
    assert not agreement.document


def test_detail_names_the_decision_and_offers_a_new_screening(
    client_for, contact_point, leader
):
    agreement = f.AgreementFactory(
        last_decision="approved_with_conditions",
        last_screened_at=datetime.datetime(2025, 5, 17, tzinfo=datetime.UTC),
    )
    page = client_for(contact_point).get(f"/agreements/{agreement.pk}/").content
    html = page.decode()
    assert "Godkjent med vilkår" in html
    assert "approved_with_conditions" not in html
    assert f"/screenings/new/?agreement={agreement.pk}" in html
    read_only = client_for(leader).get(f"/agreements/{agreement.pk}/").content
    assert b"/screenings/new/" not in read_only
