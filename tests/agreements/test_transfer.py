"""Export to CSV/XLSX and import from them: round trip, preview, limits, safety."""

from __future__ import annotations

import csv
import datetime
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook, load_workbook

from agreements import spreadsheet
from agreements.models import Agreement, Partner
from tests import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def sweden():
    return f.CountryFactory(iso2="SE", iso3="SWE", name_nb="Sverige", name_en="Sweden")


def upload(client, name: str, content: bytes):
    return client.post(
        "/agreements/import/", {"file": SimpleUploadedFile(name, content)}
    )


def csv_file(*rows: list[str]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(
        ["Title", "Partners", "Countries", "Start date", "End date", "Status"]
    )
    writer.writerows(rows)
    return out.getvalue().encode()


def test_export_round_trip_creates_no_duplicates(client_for, contact_point, sweden):
    lund = f.PartnerFactory(name="Lunds universitet", country=sweden)
    unit = f.UnitFactory(name="Institutt for fysikk", short_name="FYS")
    f.AgreementFactory(
        title="Optics",
        partners=[lund],
        responsible_unit=unit,
        start_date=datetime.date(2024, 1, 1),
        end_date=datetime.date(2027, 6, 30),
        has_export_control_clause=True,
        notes="=cmd|' /C calc'!A0",
    )
    client = client_for(contact_point)
    exported = client.get("/agreements/export.xlsx")
    assert exported["Content-Type"].startswith("application/vnd.openxmlformats")
    before = list(Agreement.objects.values())

    preview = upload(client, "register.xlsx", exported.content)
    assert preview.context["bad_rows"] == []
    assert preview.context["rows"][0].existing_id is not None
    client.post("/agreements/import/confirm/")

    assert list(
        Agreement.objects.values(
            "title",
            "notes",
            "has_export_control_clause",
            "start_date",
            "end_date",
            "responsible_unit",
        )
    ) == [
        {
            k: before[0][k]
            for k in (
                "title",
                "notes",
                "has_export_control_clause",
                "start_date",
                "end_date",
            )
        }
        | {"responsible_unit": unit.pk}
    ]
    assert Partner.objects.count() == 1


def test_export_neutralises_formulas(client_for, contact_point):
    for text in ("=SUM(A1)", "+47 1234", "-1", "@cmd"):
        f.AgreementFactory(title=text)
    client = client_for(contact_point)
    sheet = load_workbook(
        io.BytesIO(client.get("/agreements/export.xlsx").content)
    ).active
    cells = [sheet.cell(row=r, column=2).value for r in range(2, 6)]
    assert sorted(cells) == ["'+47 1234", "'-1", "'=SUM(A1)", "'@cmd"]
    assert all(cell.data_type == "s" for cell in sheet["B"][1:])
    text = client.get("/agreements/export.csv").content.decode()
    assert "\n'=SUM(A1)" not in text  # first column is the id; title follows it
    assert ";'=SUM(A1);" in text
    assert ";=SUM" not in text


def test_export_headers_follow_the_language(client_for, contact_point):
    client = client_for(contact_point)
    norwegian = client.get("/agreements/export.csv").content.decode()
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    english = client.get("/agreements/export.csv").content.decode()
    assert english.splitlines()[0].lstrip("\ufeff").startswith("ID,Title,Partners")
    assert norwegian.splitlines()[0] != english.splitlines()[0]


@pytest.mark.parametrize(
    ("language", "header"),
    [
        ("nb", "\ufeffID;Tittel;Partnere;"),
        ("nn", "\ufeffID;Tittel;Partnarar;"),
        ("en", "\ufeffID,Title,Partners,"),
    ],
)
def test_a_norwegian_csv_splits_on_semicolons_and_an_english_one_on_commas(
    client_for, language, header
):
    f.AgreementFactory(title="Optikk, fotonikk; og lasere")
    client = client_for(f.contact_point(language=language))

    text = client.get("/agreements/export.csv").content.decode()

    first, row = text.splitlines()[:2]
    delimiter = header[3]
    assert first.startswith(header)
    assert next(csv.reader([row], delimiter=delimiter))[1] == (
        "Optikk, fotonikk; og lasere"
    )
    assert (
        len(next(csv.reader([row], delimiter=delimiter))) == first.count(delimiter) + 1
    )


def test_export_is_the_filtered_view(client_for, contact_point):
    f.AgreementFactory(title="Kept", status="draft")
    f.AgreementFactory(title="Dropped", status="active")
    text = client_for(contact_point).get("/agreements/export.csv?status=draft").content
    assert b"Kept" in text
    assert b"Dropped" not in text


def test_preview_lists_each_bad_row_and_confirm_imports_nothing(
    client_for, contact_point, sweden
):
    client = client_for(contact_point)
    content = csv_file(
        ["Good one", "Lunds universitet", "SE", "2024-01-01", "2026-01-01", "active"],
        ["Unknown land", "Somewhere U", "Atlantis", "2024-01-01", "", ""],
        ["Bad date", "Lunds universitet", "SE", "31/31/2024", "", ""],
        ["Backwards", "Lunds universitet", "SE", "2025-01-01", "2024-01-01", ""],
        ["", "Lunds universitet", "SE", "", "", ""],
    )
    preview = upload(client, "register.csv", content)
    errors = {row.line: " ".join(row.errors) for row in preview.context["bad_rows"]}
    assert sorted(errors) == [3, 4, 5, 6]
    assert "Atlantis" in errors[3]
    assert "31/31/2024" in errors[4]
    assert "before the start" in errors[5] or "før start" in errors[5]
    assert errors[6]
    assert "Import all rows" not in preview.content.decode()
    client.post("/agreements/import/confirm/")
    assert Agreement.objects.count() == 0
    assert Partner.objects.count() == 0


def test_good_file_imports_in_one_go_and_reimport_changes_nothing(
    client_for, contact_point, sweden
):
    lund = f.PartnerFactory(name="Lunds universitet", country=sweden)
    f.PartnerAliasFactory(partner=lund, name="Lund University")
    client = client_for(contact_point)
    content = csv_file(
        ["Optics", "Lund University", "", "2024-01-01", "2026-01-01", "Aktiv"],
        ["Climate", "Stockholms universitet", "Sweden", "01.02.2024", "", "draft"],
    )
    for _ in range(2):
        upload(client, "register.csv", content)
        response = client.post("/agreements/import/confirm/")
        assert response.status_code == 302
    assert sorted(Agreement.objects.values_list("title", "status")) == [
        ("Climate", "draft"),
        ("Optics", "active"),
    ]
    optics = Agreement.objects.get(title="Optics")
    assert list(optics.partners.all()) == [lund]
    assert (
        Partner.objects.filter(name="Stockholms universitet", country=sweden).count()
        == 1
    )


def test_oversized_file_is_refused(client_for, contact_point):
    big = b"Title\n" + b"x" * (spreadsheet.MAX_BYTES + 1)
    response = upload(client_for(contact_point), "big.csv", big)
    assert response.context["form"].errors["file"]
    assert response.context["rows"] is None


def test_too_many_rows_is_refused(client_for, contact_point):
    rows = [[f"T{n}", "", "", "", "", ""] for n in range(spreadsheet.MAX_ROWS + 1)]
    response = upload(client_for(contact_point), "many.csv", csv_file(*rows))
    assert "2000" in " ".join(response.context["form"].errors["file"])


def test_non_spreadsheet_renamed_to_xlsx_is_rejected(client_for, contact_point):
    for content in (b"%PDF-1.4 not a workbook", b"PK\x03\x04broken zip"):
        response = upload(client_for(contact_point), "register.xlsx", content)
        assert response.status_code == 200
        assert response.context["form"].errors["file"]


def test_xlsx_with_norwegian_headers_imports(client_for, contact_point, sweden):
    workbook = Workbook()
    workbook.active.append(["Tittel", "Partnere", "Land", "Startdato"])
    workbook.active.append(
        [
            "Havforskning",
            "Göteborgs universitet",
            "Sverige",
            datetime.datetime(2024, 3, 1),  # noqa: DTZ001 (Excel dates are naive)
        ]
    )
    out = io.BytesIO()
    workbook.save(out)
    client = client_for(contact_point)
    preview = upload(client, "register.xlsx", out.getvalue())
    assert preview.context["bad_rows"] == []
    client.post("/agreements/import/confirm/")
    assert Agreement.objects.get().start_date == datetime.date(2024, 3, 1)


def test_confirm_without_preview_is_refused(client_for, contact_point):
    response = client_for(contact_point).post("/agreements/import/confirm/")
    assert response.status_code == 302
    assert response["Location"] == "/agreements/import/"


def test_an_unknown_value_names_its_column(client_for, contact_point, sweden):
    content = csv_file(["Odd", "Lunds universitet", "SE", "2024-01-01", "", "Tull"])
    preview = upload(client_for(contact_point), "register.csv", content)
    (row,) = preview.context["bad_rows"]
    assert row.errors == ["Status: ukjent verdi «Tull»."]


@pytest.mark.parametrize("content", [b"\r\x01", b"\r\n\r\n\x01;\r"])
def test_a_broken_csv_gets_a_message_not_a_500(client_for, contact_point, content):
    response = upload(client_for(contact_point), "register.csv", content)
    assert response.status_code == 200
    assert response.context["form"].errors["file"]
    assert Agreement.objects.count() == 0


def test_a_nynorsk_export_has_nynorsk_headers_and_file_name_and_imports_again(
    client_for, sweden
):
    contact_point = f.contact_point(language="nn")
    f.AgreementFactory(title="Optikk", partners=[f.PartnerFactory(country=sweden)])
    client = client_for(contact_point)
    exported = client.get("/agreements/export.csv")
    assert 'filename="avtalar-' in exported["Content-Disposition"]
    header = exported.content.decode().splitlines()[0].lstrip("\ufeff")
    assert header.startswith("ID;Tittel;Partnarar;Land;Eining")
    upload(client, "avtalar.csv", exported.content)
    assert client.post("/agreements/import/confirm/").status_code == 302
    assert Agreement.objects.filter(title="Optikk").count() == 1
