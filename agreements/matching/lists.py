"""Read a named list from CSV (pure Python, no Django).

One format covers the three seeded files and any further list: the columns
`name` and `country_iso2` are required; aliases come from `aliases` (separated
by ";") and from `alias`, `previous_name` and `name_as_listed`; the parent from
`parent_organization` or `parent_name`; `notes` is kept. Other columns are
ignored. A file that is not UTF-8, lacks a required column or has no rows is
rejected as a whole with a message fit for the administrator.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
from dataclasses import dataclass

REQUIRED_COLUMNS = ("name", "country_iso2")
ALIAS_COLUMNS = ("alias", "previous_name", "name_as_listed")
PARENT_COLUMNS = ("parent_organization", "parent_name")
MAX_FIELD_LENGTH = 500


class ListFileError(ValueError):
    """The CSV file cannot be imported; nothing was changed."""


@dataclass(frozen=True)
class ListRow:
    name: str
    aliases: tuple[str, ...] = ()
    country: str = ""
    parent: str = ""
    notes: str = ""

    @property
    def fingerprint(self) -> str:
        """Changes whenever the entry's content changes (so do past dismissals)."""
        content = [
            self.name,
            sorted(self.aliases),
            self.country,
            self.parent,
            self.notes,
        ]
        return hashlib.sha256(json.dumps(content).encode()).hexdigest()


def read_list_csv(data: bytes) -> list[ListRow]:
    """Rows of a named-list CSV file, or ListFileError."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ListFileError(
            "The file is not UTF-8 text (byte "
            f"{error.start + 1}). Save it as CSV UTF-8 and try again."
        ) from None
    reader = csv.DictReader(io.StringIO(text))
    columns = [c.strip() for c in reader.fieldnames or []]
    missing = [c for c in REQUIRED_COLUMNS if c not in columns]
    if missing:
        raise ListFileError(
            f"The file lacks the column(s) {', '.join(missing)}. Required: "
            f"{', '.join(REQUIRED_COLUMNS)}; found: {', '.join(columns) or 'none'}."
        )
    rows: dict[str, ListRow] = {}
    for number, raw in enumerate(reader, start=2):
        row = {(k or "").strip(): (v or "").strip() for k, v in raw.items() if k}
        parsed = _parse_row(row, number)
        if parsed.name in rows:
            earlier = rows[parsed.name]
            aliases = tuple(dict.fromkeys((*earlier.aliases, *parsed.aliases)))
            parsed = ListRow(
                earlier.name, aliases, earlier.country, earlier.parent, earlier.notes
            )
        rows[parsed.name] = parsed
    if not rows:
        raise ListFileError("The file has no rows.")
    return list(rows.values())


def list_metadata(data: bytes) -> dict[str, str]:
    """List title, publisher, edition and source from the first row, if present."""
    reader = csv.DictReader(io.StringIO(data.decode("utf-8-sig")))
    first = next(reader, None) or {}

    def pick(*keys: str) -> str:
        return next((first[k] for k in keys if first.get(k)), "")

    return {
        "title": pick("list_name"),
        "publisher": pick("list_publisher"),
        "edition": pick(
            "list_edition", "list_edition_date", "list_date_per_transcription"
        ),
        "source_url": pick("official_source_url"),
    }


def _parse_row(row: dict[str, str], number: int) -> ListRow:
    name = row.get("name", "")
    if not name:
        raise ListFileError(f"Row {number} has no name.")
    country = row.get("country_iso2", "").upper()
    if country and (len(country) != 2 or not country.isalpha()):
        raise ListFileError(
            f"Row {number}: the country must be a two-letter ISO code, not {country!r}."
        )
    aliases = [a.strip() for a in row.get("aliases", "").split(";")]
    aliases += [row.get(column, "") for column in ALIAS_COLUMNS]
    parent = next((row[c] for c in PARENT_COLUMNS if row.get(c)), "")
    values = [name, parent, *aliases]
    if any(len(value) > MAX_FIELD_LENGTH for value in values):
        raise ListFileError(
            f"Row {number} has a name longer than {MAX_FIELD_LENGTH} characters."
        )
    unique = tuple(dict.fromkeys(a for a in aliases if a and a != name))
    return ListRow(name, unique, country, parent, row.get("notes", ""))


def read_alias_csv(data: bytes) -> dict[str, tuple[str, ...]]:
    """Aliases the project adds to list entries (fixtures/named_list_aliases.csv):
    entry name as the list spells it -> aliases. Columns: name, alias."""
    reader = csv.DictReader(io.StringIO(data.decode("utf-8-sig")))
    aliases: dict[str, list[str]] = {}
    for number, row in enumerate(reader, start=2):
        name, alias = (row.get("name") or "").strip(), (row.get("alias") or "").strip()
        if not name or not alias:
            raise ListFileError(f"Row {number} lacks a name or an alias.")
        aliases.setdefault(name, [])
        if alias not in aliases[name]:
            aliases[name].append(alias)
    return {name: tuple(values) for name, values in aliases.items()}
