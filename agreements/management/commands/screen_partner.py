"""Print the named-list candidates for a name, best first."""

from __future__ import annotations

import json

from django.core.management.base import BaseCommand, CommandError

from agreements import named_lists
from agreements.matching import InvalidName


class Command(BaseCommand):
    help = 'Screen a name against the named lists: screen_partner "NAME" [--country XX]'

    def add_arguments(self, parser):
        parser.add_argument("name")
        parser.add_argument("--country", default="", help="ISO alpha-2 code, e.g. CN")
        parser.add_argument("--json", action="store_true", help="print a JSON array")

    def handle(self, *args, name: str, country: str, **options):
        if country and (len(country) != 2 or not country.isalpha()):
            raise CommandError("--country takes a two-letter ISO code, such as CN.")
        try:
            found = named_lists.check_name(name, country.upper())
        except InvalidName as error:
            raise CommandError(str(error)) from None
        if options["json"]:
            self.stdout.write(json.dumps([f.match.to_json() for f in found]))
            return
        if not found:
            self.stdout.write("No candidates on the named lists.")
        for f in found:
            label = "probable" if f.match.probable else "candidate"
            country = f.entry.country or "-"
            self.stdout.write(
                f"{f.match.score:.2f} {label}: {f.entry.name} [{country}]"
                f" on {f.entry.named_list.title} ({f.entry.named_list.edition}), "
                f"matched {f.match.matched_name!r}"
            )
