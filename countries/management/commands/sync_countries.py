"""Load or refresh countries and their reference indicators from fixtures/."""

from __future__ import annotations

from django.core.management.base import BaseCommand

from countries import loading, services


class Command(BaseCommand):
    help = (
        "Load all countries (ISO 3166-1 plus XK, CLDR names) and their indicators "
        "from fixtures/: V-Dem Academic Freedom Index, Norwegian sanctions "
        "regulations (marked to be verified), EU regimes, GDPR adequacy. "
        "Idempotent; runs on every deploy through load_reference_data."
    )

    def handle(self, *args, **options):
        countries = loading.upsert_countries(loading.country_rows())
        counts = loading.upsert_indicators(
            loading.reference_records(),
            origin="fixture",
            replace_kinds=loading.FIXTURE_KINDS,
        )
        changed = services.refresh_country_flags()
        self.stdout.write(
            f"Countries: {countries}; indicators: {counts['created']} new, "
            f"{counts['updated']} updated, {counts['deleted']} removed; "
            f"flags changed on {changed} countries."
        )
