"""Validate an uploaded register row by row, before anything is saved.

`validate()` turns the records read by `spreadsheet.read()` into ImportRows:
cleaned model values plus a list of errors per row. The preview shows them;
`services.import_agreements()` saves them only when no row has an error.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.db.models import Q
from django.utils import translation
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from agreements.models import Agreement, Partner, Unit, User
from agreements.titles import one_line
from countries.models import Country

TRUE = {"yes", "ja", "true", "1", "x", "y", "j"}
FALSE = {"no", "nei", "false", "0", "n", ""}
DATE_FORMATS = ("%Y-%m-%d", "%d.%m.%Y", "%d/%m/%Y")
BOOLEAN_COLUMNS = {
    "academic_freedom_clause": "has_academic_freedom_clause",
    "termination_clause": "has_termination_clause",
    "export_control_clause": "has_export_control_clause",
}


@dataclass
class ImportRow:
    line: int
    title: str
    values: dict[str, object] = field(default_factory=dict)
    partners: list[tuple[str, Country | None]] = field(default_factory=list)
    existing_id: int | None = None
    errors: list[str] = field(default_factory=list)


def _choice_lookup(choices: list[tuple[str, object]]) -> dict[str, str]:
    known = {}
    for language in ("nb", "nn", "en"):
        with translation.override(language):
            known.update({str(label).lower(): key for key, label in choices})
    known.update({key.lower(): key for key, _label in choices})
    return known


def _country_lookup() -> dict[str, Country]:
    known = {}
    for country in Country.objects.all():
        names = (country.iso2, country.iso3, country.name_nb, country.name_en)
        for name in (*names, country.name_nn):
            if name:
                known[name.lower()] = country
    return known


def partner_by_name(name: str) -> Partner | None:
    return (
        Partner.objects.filter(Q(name__iexact=name) | Q(aliases__name__iexact=name))
        .order_by("pk")
        .first()
    )


def parse_date(text: str) -> datetime.date | None:
    if not text:
        return None
    text = text.split(" ")[0].split("T")[0]
    for form in DATE_FORMATS:
        try:
            return datetime.datetime.strptime(text, form).date()  # noqa: DTZ007
        except ValueError:
            continue
    raise ValueError(text)


def _unknown(field_name: str, value: str) -> str:
    """Name the column, so a row with several unknown values can be fixed."""
    column = capfirst(Agreement._meta.get_field(field_name).verbose_name)
    return _("%(column)s: unknown value “%(value)s”.") % {
        "column": column,
        "value": value,
    }


def _too_long(row: ImportRow, column: str, value: str, model_field) -> None:
    """A row error, not a database error, for text longer than its column."""
    if len(value) > model_field.max_length:
        row.errors.append(
            _("%(column)s: at most %(limit)s characters (this has %(length)s).")
            % {
                "column": column,
                "limit": model_field.max_length,
                "length": len(value),
            }
        )


class _Validator:
    def __init__(self) -> None:
        self.countries = _country_lookup()
        self.kinds = _choice_lookup(Agreement.Kind.choices)
        self.statuses = _choice_lookup(Agreement.Status.choices)
        self.signing = _choice_lookup(Agreement.SigningLevel.choices)
        self.units = {}
        for unit in Unit.objects.all():
            self.units[unit.name.lower()] = unit
            if unit.short_name:
                self.units[unit.short_name.lower()] = unit

    def row(self, line: int, record: dict[str, str]) -> ImportRow:
        row = ImportRow(line=line, title=one_line(record.get("title", "")))
        if not row.title:
            row.errors.append(_("The title is missing."))
        _too_long(row, _("Title"), row.title, Agreement._meta.get_field("title"))
        self._choices(row, record)
        self._dates(row, record)
        self._flags(row, record)
        self._people(row, record)
        self._partners(row, record)
        row.values["title"] = row.title
        row.values["notes"] = record.get("notes", "")
        if not row.errors:
            row.existing_id = self._existing(row, record.get("id", ""))
        return row

    def _choices(self, row: ImportRow, record: dict[str, str]) -> None:
        for key, lookup, default in (
            ("kind", self.kinds, Agreement.Kind.OTHER),
            ("status", self.statuses, Agreement.Status.DRAFT),
            ("signing_level", self.signing, ""),
        ):
            text = record.get(key, "")
            if not text:
                row.values[key] = default
            elif text.lower() in lookup:
                row.values[key] = lookup[text.lower()]
            else:
                row.errors.append(_unknown(key, text))

    def _dates(self, row: ImportRow, record: dict[str, str]) -> None:
        for key in ("start_date", "end_date"):
            try:
                row.values[key] = parse_date(record.get(key, ""))
            except ValueError:
                row.errors.append(
                    _("“%(value)s” is not a date (use YYYY-MM-DD).")
                    % {"value": record[key]}
                )
        start, end = row.values.get("start_date"), row.values.get("end_date")
        if start and end and end < start:
            row.errors.append(_("The end date is before the start date."))

    def _flags(self, row: ImportRow, record: dict[str, str]) -> None:
        for column, field_name in BOOLEAN_COLUMNS.items():
            text = record.get(column, "").lower()
            if text in TRUE:
                row.values[field_name] = True
            elif text in FALSE:
                row.values[field_name] = False
            else:
                row.errors.append(_unknown(field_name, text))
        text = record.get("review_interval", "") or "12"
        allowed = dict(Agreement.REVIEW_INTERVALS)
        try:
            months = int(float(text))
        except (ValueError, OverflowError):  # "x", "nan"; "inf"
            months = 0
        if months not in allowed:
            row.errors.append(_("The review interval must be 6, 12, 24 or 36 months."))
        row.values["review_interval_months"] = months

    def _people(self, row: ImportRow, record: dict[str, str]) -> None:
        unit = record.get("unit", "")
        row.values["responsible_unit"] = self.units.get(unit.lower()) if unit else None
        if unit and row.values["responsible_unit"] is None:
            row.errors.append(_("Unknown unit “%(value)s”.") % {"value": unit})
        person = record.get("responsible", "")
        found = None
        if person:
            found = User.objects.filter(
                Q(email__iexact=person) | Q(username__iexact=person)
            ).first()
            if found is None:
                row.errors.append(_("Unknown person “%(value)s”.") % {"value": person})
        row.values["responsible_person"] = found

    def _partners(self, row: ImportRow, record: dict[str, str]) -> None:
        names = [n.strip() for n in record.get("partners", "").split(";") if n.strip()]
        codes = [c.strip() for c in record.get("countries", "").split(";")]
        codes = [c for c in codes if c]
        for index, name in enumerate(names):
            _too_long(row, _("Partners"), name, Partner._meta.get_field("name"))
            code = codes[index] if index < len(codes) else (codes[-1] if codes else "")
            country = self.countries.get(code.lower()) if code else None
            if code and country is None:
                row.errors.append(_("Unknown country “%(value)s”.") % {"value": code})
            elif country is None and partner_by_name(name) is None:
                row.errors.append(
                    _("The new partner “%(name)s” needs a country.") % {"name": name}
                )
            row.partners.append((name, country))

    def _existing(self, row: ImportRow, given_id: str) -> int | None:
        if given_id.isdecimal() and Agreement.objects.filter(pk=int(given_id)).exists():
            return int(given_id)
        match = Agreement.objects.filter(
            title__iexact=row.title, start_date=row.values.get("start_date")
        ).first()
        return match.pk if match else None


def validate(records: list[tuple[int, dict[str, str]]]) -> list[ImportRow]:
    validator = _Validator()
    return [validator.row(line, record) for line, record in records]
