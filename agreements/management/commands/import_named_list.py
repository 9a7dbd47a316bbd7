"""Import a new edition of a named list from CSV and re-screen every partner."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from agreements import named_lists


class Command(BaseCommand):
    help = (
        "Import FILE.csv as the current edition of the list KEY (columns: name, "
        "country_iso2; optional aliases, parent_organization, notes). Entries "
        "missing from the file are kept as historical."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument("--list", dest="key", required=True, help="list key")
        parser.add_argument("--title", default="")
        parser.add_argument("--edition", default="", help="e.g. 2026-06-08 or FY2026")
        parser.add_argument("--licence", default="")
        parser.add_argument(
            "--kind",
            default="",
            choices=["", "research", "sanctions"],
            help="sanctions: a sanctions list; a match on it flags sanctions_list",
        )

    def handle(self, *args, file: Path, key: str, **options):
        try:
            data = file.read_bytes()
        except OSError as error:
            raise CommandError(f"Cannot read {file}: {error.strerror}.") from None
        try:
            result = named_lists.import_named_list(
                key=key,
                data=data,
                title=options["title"],
                edition=options["edition"],
                licence=options["licence"],
                kind=options["kind"],
            )
        except named_lists.ListFileError as error:
            raise CommandError(f"{file}: {error} Nothing was changed.") from None
        self.stdout.write(
            f"{key} ({result.named_list.edition}): {result.added} added, "
            f"{result.updated} updated, {result.unchanged} unchanged, "
            f"{result.retired} no longer listed (kept as historical). "
            "Partners re-screened."
        )
