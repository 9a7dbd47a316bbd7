"""Reading and writing the register as CSV or XLSX.

One list of columns serves both the export and the import, so an exported
file can be imported again. Headers follow the user's language on export and
are recognised in any language (or by their key) on import. Text cells that
a spreadsheet would run as a formula are neutralised with a leading apostrophe,
which the import strips again. In CSV also every part after a separator or a
line break: a spreadsheet that splits on ";" (Excel in a Norwegian locale)
would make "Budget;=1+1" two cells, the second a formula.
"""

from __future__ import annotations

import csv
import datetime
import io
import re
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from django.utils import translation
from django.utils.formats import number_format
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Font
from openpyxl.utils.exceptions import InvalidFileException

MAX_BYTES = 2 * 1024 * 1024
MAX_ROWS = 2000
MAX_COLUMNS = 40
# An XLSX sheet is read by position, never further than this row: empty rows
# between the register's rows are skipped, but a row far down (r=3,000,000 in
# a 1.5 KB file) must not cost one loop step per empty row in between.
MAX_SHEET_ROWS = 10 * MAX_ROWS
# What the XLSX may unpack to (a 2 MB zip can hold gigabytes of XML).
MAX_UNPACKED_BYTES = 50 * 1024 * 1024
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# A separator some spreadsheet may split on, or a line break, then spaces, then
# a formula start: the apostrophe goes in front of the formula start.
_INNER_FORMULA = re.compile(r"([,;\t\r\n][ ]*)(?=[=+\-@])")
_INNER_NEUTRALISED = re.compile(r"([,;\t\r\n][ ]*)'(?=[=+\-@])")


@dataclass(frozen=True)
class Column:
    key: str
    label: Promise
    width: int = 16


COLUMNS = (
    Column("id", _("ID"), 8),
    Column("title", _("Title"), 40),
    Column("partners", _("Partners"), 40),
    Column("countries", _("Countries"), 20),
    Column("unit", _("Unit"), 30),
    Column("responsible", _("Responsible person"), 28),
    Column("kind", _("Kind"), 24),
    Column("status", _("Status")),
    Column("start_date", _("Start date"), 12),
    Column("end_date", _("End date"), 12),
    Column("signing_level", _("Signing level")),
    Column("academic_freedom_clause", _("Academic-freedom clause")),
    Column("termination_clause", _("Termination and red-lines clause")),
    Column("export_control_clause", _("Export-control clause")),
    Column("review_interval", _("Review interval (months)")),
    Column("screening_level", _("Latest screening level")),
    Column("flags", _("Flags"), 40),
    Column("notes", _("Notes"), 40),
)
KEYS = tuple(column.key for column in COLUMNS)


class SpreadsheetError(ValueError):
    """The file cannot be read as a register; the message is shown to the user."""


def neutralise(value: object) -> object:
    """Make text that starts like a formula inert in Excel and LibreOffice."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def neutralise_csv(value: object) -> object:
    """neutralise(), and the same after every separator inside the cell."""
    if isinstance(value, str):
        value = _INNER_FORMULA.sub(r"\1'", value)
    return neutralise(value)


def restore(value: str) -> str:
    """Undo neutralise() or neutralise_csv() on import."""
    value = _INNER_NEUTRALISED.sub(r"\1", value)
    if value.startswith("'") and value[1:2] and value[1:2] in "=+-@\t\r":
        return value[1:]
    return value


def headers() -> list[str]:
    return [str(column.label) for column in COLUMNS]


def csv_delimiter(language: str | None = None) -> str:
    """A semicolon for Norwegian, a comma for English: Excel splits CSV on the
    list separator of the computer's region, and Norwegian Windows has ";"
    (the comma is its decimal sign), so a comma file opens as one column."""
    language = language or translation.get_language() or ""
    return ";" if language.split("-")[0] in ("nb", "nn", "no") else ","


def to_csv(rows: Iterable[dict[str, object]]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=csv_delimiter())
    writer.writerow(headers())
    for row in rows:
        writer.writerow([_text(neutralise_csv(row.get(key, ""))) for key in KEYS])
    return "\ufeff" + out.getvalue()  # BOM: Excel opens UTF-8 correctly


def to_xlsx(rows: Iterable[dict[str, object]]) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = str(_("Agreements"))[:31]
    sheet.append(headers())
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
        sheet.append([neutralise(row.get(key, "")) for key in KEYS])
    for index, column in enumerate(COLUMNS, start=1):
        letter = sheet.cell(row=1, column=index).column_letter
        sheet.column_dimensions[letter].width = column.width
        if column.key in ("start_date", "end_date"):
            for cell in sheet[letter][1:]:
                cell.number_format = "yyyy-mm-dd"
    sheet.freeze_panes = "B2"
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        return value.date().isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    return str(value)


def header_keys() -> dict[str, str]:
    """Every accepted header spelling (any language, or the key) -> key."""
    known: dict[str, str] = {}
    for language in ("nb", "nn", "en"):
        with translation.override(language):
            for column in COLUMNS:
                known[str(column.label).strip().lower()] = column.key
    for column in COLUMNS:
        known[column.key] = column.key
    return known


def read(name: str, content: bytes) -> list[tuple[int, dict[str, str]]]:
    """(line number, {column key: text}) for each non-empty row of the file."""
    if len(content) > MAX_BYTES:
        raise SpreadsheetError(
            _("The file is larger than %(limit)s MB.") % {"limit": MAX_BYTES // 2**20}
        )
    lower = name.lower()
    if lower.endswith(".xlsx"):
        table = _xlsx_rows(content)
    elif lower.endswith(".csv"):
        table = _csv_rows(content)
    else:
        raise SpreadsheetError(_("Upload a CSV or XLSX file."))
    return _records(table)


def _records(table: Iterator[list[object]]) -> list[tuple[int, dict[str, str]]]:
    header = next(table, None)
    if not header:
        raise SpreadsheetError(_("The file is empty."))
    known = header_keys()
    keys = [known.get(_text(cell).strip().lower()) for cell in header]
    if "title" not in keys:
        raise SpreadsheetError(_("The first row must hold the column headers."))
    records = []
    for line, cells in enumerate(table, start=2):
        if all(cell is None or cell == "" for cell in cells):
            continue  # cheap: a sheet may have thousands of empty rows
        values = {
            key: restore(_text(cell).strip())
            for key, cell in zip(keys, cells, strict=False)
            if key
        }
        if not any(values.values()):
            continue
        if len(records) >= MAX_ROWS:
            raise SpreadsheetError(
                _("The file has more than %(limit)s rows. Split it into smaller files.")
                % {"limit": MAX_ROWS}
            )
        records.append((line, values))
    return records


def _csv_rows(content: bytes) -> Iterator[list[object]]:
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = content.decode("cp1252", errors="replace")
    if "\x00" in text:
        raise SpreadsheetError(_("The file is not a CSV file."))
    first = text.split("\n", 1)[0]
    delimiter = ";" if first.count(";") > first.count(",") else ","
    try:
        # newline="": the csv module handles \r, \n and \r\n inside fields itself.
        for row in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter):
            yield row[:MAX_COLUMNS]
    except csv.Error as exc:
        raise SpreadsheetError(_("The file is not a valid CSV file.")) from exc


def _xlsx_rows(content: bytes) -> Iterator[list[object]]:
    """The first sheet's rows by position, at most MAX_SHEET_ROWS of them.

    The declared dimension is checked first; as it may be missing or wrong, the
    rows are then read without it, and a row past the limit stops the reading.
    Missing rows come back empty from openpyxl, one per position, so the work
    is bounded by the limit, not by the last row number in the file.
    """
    if not zipfile.is_zipfile(io.BytesIO(content)):
        raise SpreadsheetError(_("The file is not a valid XLSX spreadsheet."))
    errors = (InvalidFileException, zipfile.BadZipFile, KeyError, OSError, ValueError)
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
        if unpacked > MAX_UNPACKED_BYTES:
            raise SpreadsheetError(_("The file is not a valid XLSX spreadsheet."))
        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
        sheet = workbook.worksheets[0]
        if (sheet.max_row or 0) > MAX_SHEET_ROWS:
            raise SpreadsheetError(_too_far())
        sheet.reset_dimensions()  # read up to the limit even if it says less
        rows = sheet.iter_rows(max_col=MAX_COLUMNS, values_only=True)
        for position, row in enumerate(rows, start=1):
            if position > MAX_SHEET_ROWS:
                raise SpreadsheetError(_too_far())
            yield list(row)
    except SpreadsheetError:
        raise
    except (*errors, IndexError) as exc:
        raise SpreadsheetError(_("The file is not a valid XLSX spreadsheet.")) from exc


def _too_far() -> str:
    return _(
        "The sheet has rows below row %(limit)s. Delete what lies below your "
        "register, or split it into files of at most %(rows)s rows."
    ) % {
        "limit": number_format(MAX_SHEET_ROWS, force_grouping=True),
        "rows": number_format(MAX_ROWS, force_grouping=True),
    }
