"""One format per kind: history and exports show labels, never stored values."""

from __future__ import annotations

import datetime
import io
import re

from openpyxl import load_workbook

from agreements.models import Agreement, Partner
from screening.models import Screening
from tests import factories as f


def raw_values() -> set[str]:
    """Stored choice values a reader must never see (snake_case: unmistakable)."""
    choices = [
        *Agreement._meta.get_field("kind").choices,
        *Agreement._meta.get_field("status").choices,
        *Agreement._meta.get_field("signing_level").choices,
        *Agreement._meta.get_field("last_screening_level").choices,
        *Screening.Status.choices,
        *Partner.Kind.choices,
    ]
    return {str(value) for value, _label in choices if "_" in str(value)}


def visible_text(html: str) -> str:
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.S)
    return re.sub(r"<[^>]+>", " ", html)


def raw_in(text: str) -> list[str]:
    return sorted(v for v in raw_values() if re.search(rf"\b{v}\b", text))


def _changed_agreement() -> Agreement:
    agreement = f.AgreementFactory(title="Arktisk klima")
    for name, value in (
        ("kind", Agreement.Kind.values[-1]),
        ("signing_level", Agreement._meta.get_field("signing_level").choices[-1][0]),
        ("last_screening_level", "very_high"),
        ("last_decision", Screening.Status.APPROVED_WITH_CONDITIONS),
        ("last_screened_at", datetime.datetime(2026, 11, 23, tzinfo=datetime.UTC)),
    ):
        setattr(agreement, name, value)
        agreement.save()
    return agreement


def test_the_history_shows_labels_not_stored_values(client_for, contact_point):
    agreement = _changed_agreement()

    page = client_for(contact_point).get(f"/agreements/{agreement.pk}/")
    text = visible_text(page.content.decode())

    assert raw_in(text) == []
    assert "Godkjent med vilkår" in text
    assert "2026-11-23" not in text


def test_the_exports_show_labels_not_stored_values(client_for, contact_point):
    _changed_agreement()
    client = client_for(contact_point)

    csv_text = client.get("/agreements/export.csv").content.decode()
    sheet = load_workbook(io.BytesIO(client.get("/agreements/export.xlsx").content))
    cells = " ".join(
        str(cell.value) for row in sheet.active.iter_rows() for cell in row
    )

    assert raw_in(csv_text) == []
    assert raw_in(cells) == []


def test_an_empty_choice_reads_choose_in_a_form_and_all_in_a_filter(
    client_for, contact_point
):
    client = client_for(contact_point)

    form = client.get("/agreements/new/").content.decode()
    overview = client.get("/agreements/").content.decode()
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    english = client.get("/agreements/new/").content.decode()

    assert "---------" not in form + overview + english
    assert '<option value="" selected>Velg …</option>' in form
    assert '<option value="" selected>Alle</option>' in overview
    assert '<option value="" selected>Choose …</option>' in english
