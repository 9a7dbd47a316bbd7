"""`manage.py rescore_screenings [--country XX ...]`: store fresh results after
the facts that scores depend on changed (country indicators, named-list
decisions). Each screening keeps its own questionnaire version."""

from __future__ import annotations

from django.core.management.base import BaseCommand

from screening.models import Screening
from screening.services.rescoring import rescore_screenings


class Command(BaseCommand):
    help = (
        "Score the stored screenings again under their own questionnaire version "
        "and store the results that changed."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--country",
            action="append",
            default=[],
            metavar="XX",
            help="only the screenings of this country (ISO code; repeatable)",
        )

        parser.add_argument(
            "--force",
            action="store_true",
            help="score every screening, even those whose inputs (answers, facts, "
            "engine and questionnaire) are those of their stored result",
        )

    def handle(self, *args, country: list[str], force: bool, **options):
        screenings = Screening.objects.all()
        if country:
            screenings = screenings.filter(country_id__in=[c.upper() for c in country])
        done = rescore_screenings(screenings, force=force)
        self.stdout.write(
            f"{done.screenings} screenings looked at, {done.changed} changed, "
            f"{done.unchanged_inputs} not scored (inputs unchanged)."
        )
