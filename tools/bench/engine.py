"""The engine and the matcher under volume: re-scoring screenings, matching one name."""

from __future__ import annotations

import statistics
import time

from django.db import transaction

from agreements.matching import MatchIndex
from agreements.models import Partner
from screening import questionnaire as qn
from screening.models import Screening
from screening.services import rescoring
from tools.bench import matching
from tools.bench.table import Figure, percentile, summarise

RESCORE_COUNT = 10_000
RESCORE_TARGET_S = 5.0


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


def match_one_name(repeat: int = 200) -> list[Figure]:
    """One name against 5,000 entries (tools/bench/matching.py has the
    test set and the comparison with nomenklatura: `make bench-matching`)."""
    entries = matching.padded_entries()
    started = time.perf_counter()
    cpu = time.process_time()
    index = MatchIndex(entries)
    build_ms = (time.perf_counter() - started) * 1000
    build_cpu = (time.process_time() - cpu) * 1000
    names = list(
        Partner.objects.order_by("pk").values_list("name", "country_id")[:repeat]
    )
    names += [(c["query"], c["country"]) for c in matching.load_cases()]
    samples, cpu_samples = [], []
    for name, country in names:
        start, cpu = time.perf_counter(), time.process_time()
        index.search(name, country=country or "")
        samples.append((time.perf_counter() - start) * 1000)
        cpu_samples.append((time.process_time() - cpu) * 1000)
    median, p99 = statistics.median(samples), percentile(samples, 0.99)
    cpu_median, cpu_p99 = (
        statistics.median(cpu_samples),
        percentile(cpu_samples, 0.99),
    )
    first, first_cpu = matching.first_query_in_new_process()
    target = matching.TARGETS_MS

    def met(value: float, key: str) -> str:
        return "met" if value < target[key] else "MISSED"

    one = summarise(
        f"match 1 name vs {len(entries):,} entries",
        samples,
        reference=target["median"],
        reference_name="target",
        note=f"p99 {p99:.1f} ms (target {target['p99']:.0f} {met(p99, 'p99')}); "
        f"median target {target['median']:.0f} ms {met(median, 'median')}; "
        f"CPU median {cpu_median:.1f}, p99 {cpu_p99:.1f} ms",
    )
    build = Figure(
        f"build match index ({len(entries):,})",
        build_ms,
        reference=target["build"],
        reference_name="target",
        note=f"CPU {build_cpu:.0f} ms; target {target['build']:.0f} ms "
        f"{met(build_ms, 'build')}",
    )
    first_query = Figure(
        "first match after process start",
        first,
        reference=target["first"],
        reference_name="target",
        note=f"CPU {first_cpu:.1f} ms; target {target['first']:.0f} ms "
        f"{met(first, 'first')}",
    )
    return [one, build, first_query]
