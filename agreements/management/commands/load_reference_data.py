"""Load or refresh every reference data set in fixtures/ (idempotent, on deploy)."""

from __future__ import annotations

from django.core.management import call_command
from django.core.management.base import BaseCommand

# Each entry is a management command that syncs one reference data set from fixtures/.
SYNC_COMMANDS: list[str] = ["sync_countries", "sync_named_lists"]


class Command(BaseCommand):
    help = "Load countries, indicators, named lists and vocabularies from fixtures/."

    def handle(self, *args, **options):
        for name in SYNC_COMMANDS:
            call_command(name, stdout=self.stdout, stderr=self.stderr)
