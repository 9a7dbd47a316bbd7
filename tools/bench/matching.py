"""Named-list matching in the bench: speed against 5,000 entries, the test set,
and OpenSanctions' nomenklatura logic-v2 on the same cases (no Django).

    python -m tools.bench.matching            # speed and our matcher
    python -m tools.bench.matching --compare  # ... and logic-v2 beside it

logic-v2 comes from the optional extra `compare` (`pip install -e ".[compare]"`,
which `make bench-matching` does in a venv of its own: it compiles PyICU).
"""

from __future__ import annotations

import argparse
import csv
import os
import random
import re
import statistics
import subprocess
import sys
import time
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path

from agreements.matching import PROBABLE, Entry, MatchIndex
from agreements.matching.lists import read_alias_csv, read_list_csv
from agreements.matching.normalise import tokens

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "fixtures"
CASES_CSV = ROOT / "tests" / "agreements" / "matching_cases.csv"
LISTS = {
    "ca_nro": "ca_named_research_organizations.csv",
    "us_1286": "us_dod_section1286_fy2025.csv",
    "us_1260h": "us_dod_1260h_2026.csv",
}
ENTRIES = 5_000
TARGETS_MS = {"median": 5.0, "p99": 15.0, "first": 50.0, "build": 1000.0}
# Words for generated entries: fields and places, as list entries are made of.
_WORDS = (
    "Northern Southern Eastern Western Central Coastal Highland Provincial "
    "Municipal Applied Advanced Integrated Marine Aerospace Optical Quantum "
    "Materials Energy Chemical Mechanical Electronic Information Medical "
    "Agricultural Textile Mining Petroleum Forestry Maritime Radio Software"
)
_PATTERNS = (
    "{a} {b} Research Institute",
    "{place} {a} {b} Co., Ltd.",
    "{place} University of {a} {b}",
    "{place} Institute of {a} Technology",
    "{a} {b} Laboratory of {place}",
)
_PLACES = "Anshan Baotou Zibo Yichang Weifang Jilin Kaifeng Mudanjiang"

Search = Callable[[str, str], list[tuple[str, float]]]


def seeded_entries() -> list[Entry]:
    """The three seeded lists with the project's native-script aliases."""
    extra = read_alias_csv((FIXTURES / "named_list_aliases.csv").read_bytes())
    return [
        Entry(
            (key, row.name),
            row.name,
            row.aliases + extra.get(row.name, ()),
            row.country,
            row.parent,
            key,
        )
        for key, filename in LISTS.items()
        for row in read_list_csv((FIXTURES / filename).read_bytes())
    ]


def padded_entries(total: int = ENTRIES) -> list[Entry]:
    """The seeded entries, padded with generated names up to `total`."""
    entries = seeded_entries()
    rng = random.Random(5)
    while len(entries) < total:
        a, b = rng.sample(_WORDS.split(), 2)
        name = rng.choice(_PATTERNS).format(a=a, b=b, place=rng.choice(_PLACES.split()))
        entries.append(Entry(len(entries), f"{name} {len(entries)}", country="CN"))
    return entries[:total]


def load_cases() -> list[dict[str, str]]:
    with CASES_CSV.open(encoding="utf-8") as file:
        return list(csv.DictReader(file))


def _timed(work: Callable[[], object]) -> tuple[float, float]:
    """Wall-clock and CPU milliseconds of one call. On a shared machine the
    CPU time shows what the code costs when other processes take the cores."""
    wall, cpu = time.perf_counter(), time.process_time()
    work()
    return (time.perf_counter() - wall) * 1000, (time.process_time() - cpu) * 1000


def _p99(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(0.99 * len(ordered)))]


def speed(queries: list[tuple[str, str]]) -> dict[str, tuple[float, float]]:
    """(wall, CPU) ms: index build, median and p99 per query at 5,000 entries,
    and the first query of a fresh process (after the app's start-up)."""
    entries = padded_entries()
    index: list[MatchIndex] = []
    build = _timed(lambda: index.append(MatchIndex(entries)))
    samples = [_timed(lambda q=q: index[0].search(*q)) for q in queries]
    walls, cpus = [s[0] for s in samples], [s[1] for s in samples]
    return {
        "build": build,
        "median": (statistics.median(walls), statistics.median(cpus)),
        "p99": (_p99(walls), _p99(cpus)),
        "first": first_query_in_new_process(),
    }


def first_query_in_new_process() -> tuple[float, float]:
    child = subprocess.run(
        [sys.executable, "-m", "tools.bench.matching", "--first-query"],
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
    )
    wall, cpu = child.stdout.split()
    return float(wall), float(cpu)


def first_query_ms() -> tuple[float, float]:
    """In a fresh process: start up as the app does, then time one query."""
    from agreements.matching import warm_up

    warm_up()  # what AgreementsConfig.ready() runs
    index = MatchIndex(padded_entries())  # built when the app first needs it
    return _timed(lambda: index.search("哈尔滨工业大学（深圳）", "CN"))  # noqa: RUF001


def _same_organisation(entries: list[Entry]) -> Callable[[str, str], bool]:
    by_name: dict[tuple[str, ...], list[Entry]] = defaultdict(list)
    for entry in entries:
        by_name[tokens(entry.name)].append(entry)

    def forms(name: str) -> set[tuple[str, ...]]:
        texts = (t for e in by_name[tokens(name)] for t in (e.name, *e.aliases))
        return {tokens(re.sub(r"\([^)]*\)", " ", t)) for t in texts}

    return lambda a, b: tokens(a) == tokens(b) or bool(forms(a) & forms(b))


def accuracy(search: Search, cases: list[dict[str, str]]) -> dict[str, float]:
    """Recall at 0.70, false alarms, crowding and ms per query on the test set."""
    same = _same_organisation(seeded_entries())
    found, missed, crowded = 0, 0, 0
    alarms = {"unlisted": 0, "namesake": 0}
    searching = 0.0
    for case in cases:
        started = time.perf_counter()
        matches = search(case["query"], case["country"])
        searching += time.perf_counter() - started
        top = matches[0][1] if matches else 0.0
        if not case["expected"]:
            alarms[case["kind"]] += top >= PROBABLE
            continue
        right = [s for n, s in matches if same(n, case["expected"])]
        if right and right[0] >= max(PROBABLE, top):
            found += 1
            others = [n for n, s in matches if s >= PROBABLE]
            crowded += any(not same(n, case["expected"]) for n in others)
        else:
            missed += 1
    ms = searching * 1000 / len(cases)
    counts = {k: sum(c["kind"] == k for c in cases) for k in alarms}
    return {
        "recall": found / (found + missed),
        "found": found,
        "positives": found + missed,
        "unlisted": alarms["unlisted"],
        "unlisted_n": counts["unlisted"],
        "namesake": alarms["namesake"],
        "namesake_n": counts["namesake"],
        "crowded": crowded,
        "ms": ms,
    }


def ours() -> Search:
    index = MatchIndex(seeded_entries())
    return lambda name, country: [
        (m.name, m.score) for m in index.search(name, country, threshold=0.0)
    ]


def logic_v2() -> Search:
    """nomenklatura's logic-v2 comparing the query with every entry."""
    from followthemoney import model
    from nomenklatura.matching import get_algorithm

    algorithm = get_algorithm("logic-v2")
    config = algorithm.default_config()

    def entity(key: str, name: str, aliases=(), country: str = ""):  # type: ignore[no-untyped-def]
        proxy = model.make_entity("Organization")
        proxy.id = key
        proxy.add("name", name)
        proxy.add("alias", list(aliases))
        if country:
            proxy.add("country", country.lower())
        return proxy

    entries = [
        (e.name, entity(f"e{i}", e.name, e.aliases, e.country))
        for i, e in enumerate(seeded_entries())
    ]

    queries = iter(range(10**9))

    def search(name: str, country: str) -> list[tuple[str, float]]:
        query = entity(f"q{next(queries)}", name, (), country)  # ids are cache keys
        scored = [(n, algorithm.compare(query, e, config).score) for n, e in entries]
        return sorted(scored, key=lambda pair: -pair[1])

    return search


def table(rows: dict[str, dict[str, float]]) -> str:
    lines = [
        f"{'matcher':<22}{'recall':>16}{'false unlisted':>16}"
        f"{'false namesake':>16}{'crowded':>10}{'ms/query':>10}"
    ]
    for name, r in rows.items():
        lines.append(
            f"{name:<22}{r['recall']:>7.3f} ({r['found']:>3}/{r['positives']:>3})"
            f"{r['unlisted']:>10}/{r['unlisted_n']:<5}{r['namesake']:>10}/"
            f"{r['namesake_n']:<5}{r['crowded']:>10}{r['ms']:>10.2f}"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--compare", action="store_true", help="add logic-v2")
    parser.add_argument("--first-query", action="store_true", help="internal")
    args = parser.parse_args(argv)
    if args.first_query:
        print("{:.3f} {:.3f}".format(*first_query_ms()))  # noqa: T201
        return 0
    cases = load_cases()
    figures = speed([(c["query"], c["country"]) for c in cases])
    out = [f"Matching {ENTRIES:,} entries ({len(cases)} queries):"]
    for key, target in TARGETS_MS.items():
        wall, cpu = figures[key]
        met = "met" if wall < target else "MISSED"
        out.append(
            f"  {key:<7}{wall:>9.2f} ms (CPU {cpu:7.2f} ms)  "
            f"target < {target:g} ms {met}"
        )
    out.append(f"  load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")
    rows = {"samarbeidssjekk": accuracy(ours(), cases)}
    if args.compare:
        try:
            rows["nomenklatura logic-v2"] = accuracy(logic_v2(), cases)
        except ImportError as error:
            out.append(f"logic-v2 not installed ({error}): pip install -e '.[compare]'")
    out += ["", f"Test set: {len(cases)} cases, threshold {PROBABLE}", table(rows)]
    print("\n".join(out))  # noqa: T201
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
