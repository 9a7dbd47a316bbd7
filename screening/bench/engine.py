"""The engine and the matcher under volume: re-scoring screenings, matching one name."""

from __future__ import annotations

import random
import statistics
import time
from pathlib import Path

from django.db import transaction

from agreements.matching import Entry, MatchIndex
from agreements.matching.lists import read_list_csv
from agreements.models import Partner
from screening import questionnaire as qn
from screening.bench import seed
from screening.bench.table import Figure, percentile, summarise
from screening.models import Screening
from screening.services import rescoring

RESCORE_COUNT = 10_000
RESCORE_TARGET_S = 5.0
MATCH_ENTRIES = 5_000
MATCH_TARGET_MS = 10.0
LIST_FILES = (
    "ca_named_research_organizations.csv",
    "us_dod_section1286_fy2025.csv",
    "us_dod_1260h_2026.csv",
)
FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"


def rescore(count: int = RESCORE_COUNT) -> Figure:
    """Re-score `count` stored screenings the way an administrator does
    (`rescore_screenings`: read, score under their own version, compare, write
    the results that moved), passing over the stored ones again when there are
    fewer. In a transaction that is rolled back: the rows stay as seeded."""
    pks = list(Screening.objects.order_by("pk").values_list("pk", flat=True))
    if not pks:
        return Figure("re-score screenings", None, "s", note="no screenings")
    qn.load(*qn.CURRENT)  # parsed once per process, as in a worker
    changed = 0
    started = time.perf_counter()
    with transaction.atomic():
        done = 0
        while done < count:
            last = pks[min(len(pks), count - done) - 1]
            rescored = rescoring.rescore_screenings(
                Screening.objects.filter(pk__lte=last)
            )
            done += rescored.screenings
            changed += rescored.changed
        transaction.set_rollback(True)
    seconds = time.perf_counter() - started
    met = "met" if seconds <= RESCORE_TARGET_S else "MISSED"
    return Figure(
        f"re-score {count:,} screenings",
        seconds,
        "s",
        reference=RESCORE_TARGET_S,
        reference_name="target",
        note=f"{len(pks):,} distinct, {changed:,} rewritten; "
        f"target {RESCORE_TARGET_S:.0f} s {met}",
    )


def list_entries(total: int = MATCH_ENTRIES) -> list[Entry]:
    """The seeded named lists, padded with generated names up to `total`."""
    entries: list[Entry] = []
    for filename in LIST_FILES:
        path = FIXTURES / filename
        if not path.exists():
            continue
        for row in read_list_csv(path.read_bytes()):
            entries.append(
                Entry(
                    len(entries),
                    row.name,
                    row.aliases,
                    row.country,
                    row.parent,
                    filename,
                )
            )
    rng = random.Random(5)
    while len(entries) < total:
        name = rng.choice(seed.PATTERNS).format(
            place=rng.choice(seed.PLACES), field=rng.choice(seed.FIELDS)
        )
        entries.append(Entry(len(entries), f"{name} No. {len(entries)}", country="CN"))
    return entries[:total]


def match_one_name(repeat: int = 200) -> list[Figure]:
    entries = list_entries()
    started = time.perf_counter()
    index = MatchIndex(entries)
    build_ms = (time.perf_counter() - started) * 1000
    names = list(
        Partner.objects.order_by("pk").values_list("name", "country_id")[:repeat]
    ) or [("Harbin Inst. of Tech.", "CN")]
    names += [("Harbin Institute of Technology", "CN"), ("Beihang Univ.", "CN")]
    samples = []
    for name, country in names:
        start = time.perf_counter()
        index.search(name, country=country or "")
        samples.append((time.perf_counter() - start) * 1000)
    met = "met" if statistics.median(samples) <= MATCH_TARGET_MS else "MISSED"
    one = summarise(
        f"match 1 name vs {len(entries):,} entries",
        samples,
        reference=MATCH_TARGET_MS,
        reference_name="target",
        note=f"p99 {percentile(samples, 0.99):.1f} ms; "
        f"target {MATCH_TARGET_MS:.0f} ms {met}",
    )
    build = Figure(
        f"build match index ({len(entries):,})", build_ms, note="once per process"
    )
    return [one, build]
