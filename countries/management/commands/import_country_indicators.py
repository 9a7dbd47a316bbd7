"""Import country indicators from a CSV file: all rows or none."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from countries import importing, loading, services
from countries.models import Country


class Command(BaseCommand):
    help = "Import country indicators from FILE.csv (idempotent).\n\n" + importing.HELP

    def create_parser(self, prog_name, subcommand, **kwargs):
        from argparse import RawDescriptionHelpFormatter

        kwargs["formatter_class"] = RawDescriptionHelpFormatter
        return super().create_parser(prog_name, subcommand, **kwargs)

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path, help="the CSV file")

    def handle(self, *args, file: Path, **options):
        try:
            data = file.read_bytes()
        except OSError as exc:
            raise CommandError(f"{file}: {exc.strerror}") from None
        known = set(Country.objects.values_list("iso2", flat=True))
        try:
            records = importing.parse_indicator_csv(data, countries=known)
        except importing.ImportRejected as exc:
            lines = "\n".join(f"  {error}" for error in exc.errors[:50])
            more = len(exc.errors) - 50
            if more > 0:
                lines += f"\n  ... and {more} more"
            raise CommandError(
                f"{file} was not imported (nothing was changed):\n{lines}"
            ) from None
        with transaction.atomic():
            counts = loading.upsert_indicators(records, origin="import")
            services.refresh_country_flags(iso2={str(r["country_id"]) for r in records})
        self.stdout.write(
            f"{file}: {len(records)} rows; {counts['created']} new, "
            f"{counts['updated']} updated."
        )
