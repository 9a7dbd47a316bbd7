"""Load the seeded named lists from fixtures/ and re-screen every partner."""

from __future__ import annotations

from django.core.management.base import BaseCommand

from agreements import named_lists


class Command(BaseCommand):
    help = "Load Canada's NRO list and the US 1286 and 1260H lists from fixtures/."

    def handle(self, *args, **options):
        for result in named_lists.seed_named_lists():
            self.stdout.write(
                f"{result.named_list.key}: {result.added} added, "
                f"{result.updated} updated, {result.unchanged} unchanged, "
                f"{result.retired} no longer listed"
            )
