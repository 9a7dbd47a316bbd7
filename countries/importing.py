"""Parse and check an indicator CSV before anything is written (pure Python).

The whole file is checked first; any problem rejects the file with messages
naming the line and column, so an import is all or nothing.
"""

from __future__ import annotations

import csv
import io
import math
from collections.abc import Collection
from urllib.parse import urlparse

from countries import flags

COLUMNS = (
    "iso2",
    "kind",
    "value",
    "numeric_value",
    "year",
    "edition",
    "source",
    "source_url",
    "licence",
    "reference",
    "detail",
    "to_be_verified",
    "verification_note",
)
REQUIRED = ("iso2", "kind", "value", "source")
MAX_LENGTH = {
    "value": 300,
    "edition": 100,
    "source": 300,
    "source_url": 500,
    "licence": 100,
    "reference": 100,
    "verification_note": 300,
}
ALLOWED_VALUES: dict[str, tuple[str, ...]] = {
    **flags.ENTERED_FLAGS,
    "sanctions_regime": flags.SANCTIONS_LEVELS,
    "gdpr_adequacy": flags.GDPR_VALUES,
    "gdpr_adequacy_scope": flags.GDPR_SCOPES,
}
KINDS = (
    "academic_freedom_index",
    "sanctions_no",
    "sanctions_eu",
    *ALLOWED_VALUES,
)
TRUE, FALSE = {"yes", "true", "1", "ja"}, {"no", "false", "0", "nei", ""}

HELP = f"""CSV format: UTF-8, comma-separated, one header row.
Columns (any order): {", ".join(COLUMNS)}.
Required: {", ".join(REQUIRED)}. Unknown columns are rejected.
  iso2            ISO 3166-1 alpha-2 code of a loaded country (or XK)
  kind            one of: {", ".join(KINDS)}
  value           the value; for flag kinds one of the allowed values, e.g.
                  travel_advice: {", ".join(flags.ENTERED_FLAGS["travel_advice"])}
  numeric_value   a number with a decimal point (required for
                  academic_freedom_index: 0 to 1)
  year            the year the value describes, e.g. 2025
  reference       tells several records of one kind apart (a regime key);
                  a row with the same iso2, kind and reference replaces the old one
  to_be_verified  yes or no
Importing the same file twice changes nothing."""


class ImportRejected(Exception):
    def __init__(self, errors: list[str]) -> None:
        super().__init__("\n".join(errors))
        self.errors = errors


def parse_indicator_csv(
    data: bytes, *, countries: Collection[str]
) -> list[dict[str, object]]:
    """Checked indicator records from CSV bytes, or ImportRejected with every error."""
    text = _decode(data)
    reader = csv.DictReader(io.StringIO(text, newline=""))
    header = [h.strip() for h in reader.fieldnames or []]
    _check_header(header)
    reader.fieldnames = header
    errors: list[str] = []
    records: list[dict[str, object]] = []
    seen: dict[tuple[object, ...], int] = {}
    for row in reader:
        line = reader.line_num
        if None in row:
            errors.append(f"line {line}: more values than columns in the header")
            continue
        record, row_errors = _check_row(row, line, countries)
        errors.extend(row_errors)
        if row_errors:
            continue
        key = (record["country_id"], record["kind"], record["reference"])
        if key in seen:
            errors.append(
                f"line {line}: the same iso2, kind and reference as line {seen[key]}"
            )
        seen[key] = line
        records.append(record)
    if not records and not errors:
        errors.append("the file has a header but no rows")
    if errors:
        raise ImportRejected(errors)
    return records


def _decode(data: bytes) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise ImportRejected(
            [
                f"line {line}: the file is not UTF-8 (byte 0x{data[exc.start]:02x} "
                "cannot be read); save it as 'CSV UTF-8'"
            ]
        ) from None


def _check_header(header: list[str]) -> None:
    if len(header) == 1 and ";" in header[0]:
        raise ImportRejected(["line 1: columns must be separated by commas, not ';'"])
    unknown = [h for h in header if h not in COLUMNS]
    missing = [c for c in REQUIRED if c not in header]
    errors = [f"line 1, column {h}: unknown column" for h in unknown]
    errors += [f"line 1: required column {c} is missing" for c in missing]
    if errors:
        raise ImportRejected(errors)


def _check_row(
    row: dict[str, str], line: int, countries: Collection[str]
) -> tuple[dict[str, object], list[str]]:
    cell = {k: (v or "").strip() for k, v in row.items()}
    errors = []

    def bad(column: str, message: str) -> None:
        errors.append(f"line {line}, column {column}: {message}")

    iso2, kind, value = cell["iso2"].upper(), cell["kind"], cell["value"]
    if iso2 not in countries:
        bad("iso2", f"unknown country {cell['iso2']!r}")
    if kind not in KINDS:
        bad("kind", f"unknown kind {kind!r}")
    for column in REQUIRED:
        if not cell.get(column):
            bad(column, "is empty")
    if kind in ALLOWED_VALUES and value and value not in ALLOWED_VALUES[kind]:
        allowed = ", ".join(ALLOWED_VALUES[kind])
        bad("value", f"{value!r} is not one of {allowed}")
    for column, limit in MAX_LENGTH.items():
        if len(cell.get(column, "")) > limit:
            bad(column, f"longer than {limit} characters")
    number = _number(cell.get("numeric_value", ""), bad)
    if kind == "academic_freedom_index" and number is None and not errors:
        bad("numeric_value", "is required for academic_freedom_index")
    if kind == "academic_freedom_index" and number is not None and not 0 <= number <= 1:
        bad("numeric_value", f"{number} is outside 0 to 1")
    year = _year(cell.get("year", ""), bad)
    url = cell.get("source_url", "")
    if url and (
        urlparse(url).scheme not in ("http", "https") or not urlparse(url).netloc
    ):
        bad("source_url", f"{url!r} is not an http(s) address")
    verified = cell.get("to_be_verified", "").lower()
    if verified not in TRUE | FALSE:
        bad("to_be_verified", f"{verified!r} is not yes or no")
    record = {
        "country_id": iso2,
        "kind": kind,
        "reference": cell.get("reference", ""),
        "value": value,
        "numeric_value": number,
        "year": year,
        "edition": cell.get("edition", ""),
        "detail": cell.get("detail", ""),
        "source": cell["source"],
        "source_url": url,
        "licence": cell.get("licence", ""),
        "to_be_verified": verified in TRUE,
        "verification_note": cell.get("verification_note", ""),
    }
    return record, errors


def _number(text: str, bad) -> float | None:
    if not text:
        return None
    try:
        number = float(text)
    except ValueError:
        bad("numeric_value", f"{text!r} is not a number (use a decimal point)")
        return None
    if not math.isfinite(number):
        bad("numeric_value", f"{text!r} is not a finite number")
        return None
    return number


def _year(text: str, bad) -> int | None:
    if not text:
        return None
    if not text.isdecimal() or not 1900 <= int(text) <= 2100:
        bad("year", f"{text!r} is not a year")
        return None
    return int(text)
