"""The pure parts under volume: re-scoring screenings, matching one name."""

from __future__ import annotations

import random
import statistics
import time
from pathlib import Path

from agreements.matching import Entry, MatchIndex
from agreements.matching.lists import read_list_csv
from agreements.models import Partner
from screening import questionnaire as qn
from screening import scoring
from screening.bench import seed
from screening.bench.table import Figure, percentile, summarise
from screening.models import Screening

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
    """Score `count` stored screenings (cycling when there are fewer)
    under their own questionnaire version, in memory; reading them from the
    database is included, writing is not."""
    started = time.perf_counter()
    facts = seed.country_facts()
    rows = list(
        Screening.objects.select_related("partner").only(
            "answers",
            "stage",
            "country_id",
            "questionnaire_id",
            "questionnaire_version",
            "partner__name",
            "partner__country_id",
            "partner__kind",
        )[:count]
    )
    if not rows:
        return Figure("re-score screenings", None, "s", note="no screenings")
    done = 0
    while done < count:
        for screening in rows[: count - done]:
            q = qn.load(screening.questionnaire_id, screening.questionnaire_version)
            partner = screening.partner
            partners = (seed.partner_facts(partner),) if partner else ()
            context = qn.Context(
                facts.get(screening.country_id), partners, screening.stage
            )
            # score() cleans the answers itself (hidden and invalid ones dropped)
            scoring.score(
                q, screening.answers, context.country, partners, stage=screening.stage
            )
        done += min(len(rows), count - done)
    seconds = time.perf_counter() - started
    return Figure(
        f"re-score {count:,} screenings",
        seconds,
        "s",
        reference=RESCORE_TARGET_S,
        reference_name="target",
        note=f"{len(rows):,} distinct; target {RESCORE_TARGET_S:.0f} s "
        + ("met" if seconds <= RESCORE_TARGET_S else "MISSED"),
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
