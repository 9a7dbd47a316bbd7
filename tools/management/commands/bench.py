"""`manage.py bench`: seed benchmark volumes, measure, print one table, write JSON.

Run it on a database of its own (`make bench` uses bench.sqlite3, or the
PostgreSQL database named in DATABASE_URL, e.g. .../ss_bench): it adds 10,000
agreements at --scale 1 and turns one screening back into a draft.
"""

from __future__ import annotations

import json
import os
import platform
import subprocess
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import connection
from django.test.utils import override_settings
from django.utils import timezone

from tools.bench import engine, load, pages, pdfs, seed, table


class Command(BaseCommand):
    help = "Measure pages, engine, matcher, PDFs and loopback load at benchmark volume."
    # The checks load the URLconf, and the admin reference must be registered first.
    requires_system_checks: list[str] = []

    def add_arguments(self, parser):
        parser.add_argument("--scale", type=float, default=1.0)
        parser.add_argument(
            "--repeat", type=int, default=20, help="timed runs per page"
        )
        parser.add_argument("--pdf-repeat", type=int, default=3)
        parser.add_argument(
            "--load-seconds", type=float, default=10.0, help="0: no load"
        )
        parser.add_argument("--workers", type=int, default=3, help="gunicorn workers")
        parser.add_argument(
            "--clients", type=int, default=8, help="load client threads"
        )
        parser.add_argument("--output", default="bench-results.json")
        for name in ("child", "child-kind", "child-html"):
            parser.add_argument(f"--{name}", default="", help="internal")
        for name in ("child-screening", "child-user"):
            parser.add_argument(f"--{name}", type=int, default=0, help="internal")

    def handle(self, *args, **options):
        if options["child"]:
            result = pdfs.run_child(
                options["child"],
                options["child_kind"],
                options["child_screening"],
                options["child_user"],
                options["repeat"],
                Path(options["child_html"]),
            )
            self.stdout.write(json.dumps(result))
            return
        log = self.stderr.write
        log(f"Seeding benchmark volumes at scale {options['scale']} ...")
        volume = seed.seed_volume(scale=options["scale"], log=log)
        log(f"Database: {connection.vendor}, {volume}")
        figures: list[table.Figure] = []
        unsafe = ["*"] if settings.DEBUG else [*settings.ALLOWED_HOSTS, "testserver"]
        with override_settings(ALLOWED_HOSTS=unsafe, SECURE_SSL_REDIRECT=False):
            log("Pages (in process, server time):")
            figures += pages.measure(options["repeat"], log)
            screening, users = pages.bench_subjects()
            log("Engine and matcher:")
            figures += engine.rescore()
            figures += engine.match_one_name()
            log("PDF reports (child processes):")
            figures += pdfs.measure(
                screening.pk, users["contact"].pk, options["pdf_repeat"], log
            )
            if options["load_seconds"] > 0:
                log("Loopback load (gunicorn):")
                key = pages.section_key(screening)
                section = f"/screenings/{screening.pk}/section/{key}/"
                figures += load.measure(
                    users,
                    section,
                    seconds=options["load_seconds"],
                    workers=options["workers"],
                    threads=options["clients"],
                    log=log,
                )
        meta = self.meta(options, volume)
        header = (
            f"Samarbeidssjekk bench {meta['commit']} on {meta['machine']}, "
            f"{meta['database']}, {meta['volume']} ({meta['when']})"
        )
        self.stdout.write(table.render(figures, header))
        table.write_json(Path(options["output"]), figures, meta)
        log(f"Wrote {options['output']}")

    def meta(self, options, volume) -> dict:
        commit = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"],
            capture_output=True,
            text=True,
            check=False,
            cwd=settings.BASE_DIR,
        ).stdout.strip()
        cpus = os.cpu_count()
        version = ".".join(map(str, connection.get_database_version()))
        return {
            "commit": commit or "unknown",
            "when": timezone.now().isoformat(timespec="seconds"),
            "machine": f"{platform.machine()} {cpus} CPU, {platform.python_version()}, "
            f"{platform.system()} {platform.release()}",
            "database": f"{connection.vendor} {version}",
            "volume": str(volume).rsplit(" in ", 1)[0],
            "scale": options["scale"],
            "repeat": options["repeat"],
        }
