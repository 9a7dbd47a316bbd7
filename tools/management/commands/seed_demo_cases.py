"""Publish demo cases in the library, after seed_demo. Not for production."""

from __future__ import annotations

from django.core.management.base import BaseCommand

from tools.demo import cases as demo


class Command(BaseCommand):
    help = "Publish up to two decided demo screenings as library cases."

    def handle(self, *args, **options):
        self.stdout.write(f"Demo library cases: {demo.seed_cases()}.")
