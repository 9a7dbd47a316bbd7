"""Import reads a bounded amount of any XLSX, however far down its rows claim to go.

Probe from issue #21: a 1.5 KB XLSX with one row at r=3,000,000 cost 45 s of
CPU in the request, because every empty row up to it was walked.
"""

from __future__ import annotations

import io
import re
import time
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook

from agreements import spreadsheet
from agreements.models import Agreement

pytestmark = pytest.mark.django_db
SHEET = "xl/worksheets/sheet1.xml"
LAST_EXCEL_ROW = 1_048_576  # openpyxl writes no further; the XML is edited after


def xlsx(rows: dict[int, str], *, edit=lambda xml: xml) -> bytes:
    """A workbook with a Title header, the given {row number: title} cells, and
    its sheet XML passed through `edit` (to move rows, or drop the dimension)."""
    workbook = Workbook()
    workbook.active.append(["Title", "Status"])
    for number, title in rows.items():
        workbook.active.cell(row=number, column=1, value=title)
    out = io.BytesIO()
    workbook.save(out)
    source = zipfile.ZipFile(io.BytesIO(out.getvalue()))
    edited = io.BytesIO()
    with zipfile.ZipFile(edited, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename == SHEET:
                data = edit(data.decode()).encode()
            target.writestr(info.filename, data)
    return edited.getvalue()


def far_down(xml: str) -> str:
    return xml.replace(str(LAST_EXCEL_ROW), "3000000")


def without_dimension(xml: str) -> str:
    return re.sub(r"<dimension [^>]*/>", "", far_down(xml))


def lying_dimension(xml: str) -> str:
    return re.sub(r'<dimension ref="[^"]*"', '<dimension ref="A1:B2"', far_down(xml))


def upload(client, content: bytes):
    return client.post(
        "/agreements/import/",
        {"file": SimpleUploadedFile("register.xlsx", content)},
    )


@pytest.mark.parametrize("edit", [far_down, without_dimension, lying_dimension])
def test_a_row_far_down_is_refused_at_once_with_a_message(
    client_for, contact_point, edit
):
    content = xlsx({2: "Optikk", LAST_EXCEL_ROW: "Langt nede"}, edit=edit)
    assert len(content) < 6000
    client = client_for(contact_point)
    started = time.process_time()
    response = upload(client, content)
    spent = time.process_time() - started
    assert response.status_code == 200
    (error,) = response.context["form"].errors["file"]
    assert "20\xa0000" in error  # the row limit, read in bokmål
    assert response.context["rows"] is None
    assert spent < 2, f"{spent:.1f} s of CPU for a {len(content)} byte file"
    assert client.post("/agreements/import/confirm/").status_code == 302
    assert not Agreement.objects.exists()


def test_empty_rows_between_the_rows_are_skipped_within_the_limit(
    client_for, contact_point
):
    content = xlsx({2: "Optikk", 15_000: "Havforskning"})
    client = client_for(contact_point)
    preview = upload(client, content)
    assert preview.context["bad_rows"] == []
    assert [row.line for row in preview.context["rows"]] == [2, 15_000]
    client.post("/agreements/import/confirm/")
    assert set(Agreement.objects.values_list("title", flat=True)) == {
        "Optikk",
        "Havforskning",
    }


def test_a_sheet_that_unpacks_to_too_much_xml_is_refused(client_for, contact_point):
    padding = " " * (spreadsheet.MAX_UNPACKED_BYTES + 1)
    content = xlsx(
        {2: "Optikk"},
        edit=lambda xml: xml.replace("<sheetData>", padding + "<sheetData>"),
    )
    assert len(content) < spreadsheet.MAX_BYTES
    response = upload(client_for(contact_point), content)
    assert response.status_code == 200
    assert response.context["form"].errors["file"]
    assert not Agreement.objects.exists()


def test_the_row_limit_counts_rows_with_content(client_for, contact_point):
    rows = {n: f"Avtale {n}" for n in range(2, spreadsheet.MAX_ROWS + 3)}
    response = upload(client_for(contact_point), xlsx(rows))
    assert "2000" in " ".join(response.context["form"].errors["file"])
