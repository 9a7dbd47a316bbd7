"""The engine and the matcher under volume: re-scoring screenings, matching one name."""

from __future__ import annotations

import statistics
import time

from django.db import connection, transaction

from agreements.matching import MatchIndex
from agreements.models import Partner
from screening import questionnaire as qn
from screening.models import Screening
from screening.services import rescoring
from tools.bench import matching
from tools.bench.table import Figure, percentile, summarise

RESCORE_COUNT = 10_000
RESCORE_TARGET_S = 5.0


def rescore(count: int = RESCORE_COUNT) -> list[Figure]:
    """Re-score `count` stored screenings the way an administrator does
    (`rescore_screenings`: read, score under their own version, compare, write
    the results that moved), passing over the stored ones again when there are
    fewer: first with every row scored (`force`, as after a deploy that changes
    the engine or the facts of every row), then as the command runs by default,
    where rows whose inputs are those of their stored result are skipped. In a
    transaction that is rolled back: the rows stay as seeded."""
    pks = list(Screening.objects.order_by("pk").values_list("pk", flat=True))
    if not pks:
        return [Figure("re-score screenings", None, "s", note="no screenings")]
    qn.load(*qn.CURRENT)  # parsed once per process, as in a worker
    figures = []
    with transaction.atomic():
        for force in (True, False):
            seconds, cpu, done = _rescore_pass(pks, count, force)
            met = "met" if seconds <= RESCORE_TARGET_S else "MISSED"
            what = "every row scored" if force else "unchanged inputs skipped"
            figures.append(
                Figure(
                    f"re-score {count:,} screenings, {what}",
                    seconds,
                    "s",
                    reference=RESCORE_TARGET_S,
                    reference_name="target",
                    note=f"{len(pks):,} distinct, {done.changed:,} rewritten, "
                    f"{done.unchanged_inputs:,} skipped; CPU {cpu:.1f} s; "
                    f"target {RESCORE_TARGET_S:.0f} s {met}",
                )
            )
        transaction.set_rollback(True)
    _vacuum()
    return figures


def _vacuum() -> None:
    """Every row written above leaves a dead version behind after the
    rollback. PostgreSQL's autovacuum clears them in time, but where it is off
    (as on the bench machine) they pile up run after run: at 45,000 dead rows
    for 5,015 live ones the screenings table had grown from 10 to 98 MB, and
    every page that scans it (the dashboard's grouped counts) slowed down."""
    if connection.vendor == "postgresql" and not connection.in_atomic_block:
        with connection.cursor() as cursor:
            cursor.execute(f"VACUUM ANALYZE {Screening._meta.db_table}")


def _rescore_pass(
    pks: list[int], count: int, force: bool
) -> tuple[float, float, rescoring.Rescored]:
    """Wall clock and this process's CPU time (the database's is not in it)."""
    seen = changed = skipped = 0
    started, cpu = time.perf_counter(), time.process_time()
    while seen < count:
        last = pks[min(len(pks), count - seen) - 1]
        done = rescoring.rescore_screenings(
            Screening.objects.filter(pk__lte=last), force=force
        )
        seen += done.screenings
        changed += done.changed
        skipped += done.unchanged_inputs
    seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
    return seconds, cpu, rescoring.Rescored(seen, changed, skipped)


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
