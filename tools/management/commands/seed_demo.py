"""Demo users, units and data for the embedded demo. Nothing in production runs this."""

from __future__ import annotations

from django.core.management.base import BaseCommand

from config import fragments
from tools.demo import people as demo


class Command(BaseCommand):
    help = "Create demo users (with fresh random passwords), units and demo data."

    def add_arguments(self, parser):
        parser.add_argument(
            "--scale",
            type=float,
            default=0,
            help="Build benchmark volumes (1 = 10,000 agreements).",
        )

    def handle(self, *args, scale: float = 0, **options):
        units = demo.seed_units()
        accounts = demo.seed_accounts(units)
        agreements = demo.seed_register(units)
        self.stdout.write(f"Demo register: {agreements} agreements.")
        from agreements import named_lists

        screened = named_lists.rescreen_partners()
        self.stdout.write(f"Named lists: {screened} partners screened.")
        from tools.demo import values as register_demo

        self.stdout.write(f"Demo value register: {register_demo.seed_assets()}.")
        from tools.demo import screenings as screening_demo

        screenings = screening_demo.seed_screenings()
        self.stdout.write(f"Demo screenings: {screenings}.")
        from tools.demo import reviews as demo_reviews

        self.stdout.write(f"Demo review histories: {demo_reviews.seed_reviews()}.")
        from tools.demo import incidents as incidents_demo

        self.stdout.write(f"Demo incident reports: {incidents_demo.seed_reports()}.")

        from tools.demo import competence as competence_demo

        self.stdout.write(f"Demo completions: {competence_demo.seed_competence()}.")
        self.stdout.write("Demo logins (throwaway passwords, new on every run):")
        for account, password in accounts:
            self.stdout.write(
                f"  {account.username} / {password}  ({account.role_label})"
            )
        if scale > 0:
            from tools.bench import seed

            self.stdout.write(f"Benchmark volumes at scale {scale} ...")
            volume = seed.seed_volume(scale=scale, log=self.stdout.write)
            self.stdout.write(f"Database now holds {volume}.")
        fragments.changed()  # the volumes are bulk inserts: no signal
