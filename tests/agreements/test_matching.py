"""The matcher against its test set (tests/agreements/matching_cases.csv), built
from the three seeded lists plus the project's native-script aliases
(fixtures/named_list_aliases.csv): listed names in every spelling and script
must reach 0.70 on the right entry; well-known unlisted institutions and
near-namesakes must stay below it."""

from __future__ import annotations

import csv
import re
import subprocess
import sys
from collections import defaultdict
from pathlib import Path

import pytest

from agreements.matching import CANDIDATE, PROBABLE, Entry, InvalidName, MatchIndex
from agreements.matching.lists import read_alias_csv, read_list_csv
from agreements.matching.normalise import tokens

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"
LISTS = {
    "ca_nro": "ca_named_research_organizations.csv",
    "us_1286": "us_dod_section1286_fy2025.csv",
    "us_1260h": "us_dod_1260h_2026.csv",
}
CASES = list(
    csv.DictReader(
        (Path(__file__).parent / "matching_cases.csv").open(encoding="utf-8")
    )
)
NEGATIVE_KINDS = ("unlisted", "namesake")
PROJECT_ALIASES = read_alias_csv((FIXTURES / "named_list_aliases.csv").read_bytes())


def seeded_entries() -> list[Entry]:
    return [
        Entry(
            key=(key, row.name),
            name=row.name,
            aliases=row.aliases + PROJECT_ALIASES.get(row.name, ()),
            country=row.country,
            parent=row.parent,
            list_key=key,
        )
        for key, filename in LISTS.items()
        for row in read_list_csv((FIXTURES / filename).read_bytes())
    ]


ENTRIES = seeded_entries()
_BY_NAME: dict[tuple[str, ...], list[Entry]] = defaultdict(list)
for _entry in ENTRIES:
    _BY_NAME[tokens(_entry.name)].append(_entry)


def _forms(name: str) -> set[tuple[str, ...]]:
    return {
        tokens(re.sub(r"\([^)]*\)", " ", text))
        for entry in _BY_NAME[tokens(name)]
        for text in (entry.name, *entry.aliases)
    }


def same_organisation(name: str, other: str) -> bool:
    """The same organisation: the same name, or entries (often on different
    lists) that share a name or alias, as "Imam Hossein University" and "Imam
    Hussein University" do."""
    return tokens(name) == tokens(other) or bool(_forms(name) & _forms(other))


@pytest.fixture(scope="module")
def index():
    return MatchIndex(seeded_entries())


def right_entry_on_top(matches, case) -> bool:
    """The right entry scores highest and at least 0.70 (an equal score for
    the same organisation on another list is fine)."""
    wanted = [m for m in matches if same_organisation(m.name, case["expected"])]
    return bool(wanted) and wanted[0].score >= max(PROBABLE, matches[0].score)


def test_the_test_set_is_large_and_covers_every_kind_of_variant():
    kinds = {case["kind"] for case in CASES}
    assert len(CASES) >= 300
    assert {"alias", "acronym", "order", "orgwords", "accents", "cyrillic"} <= kinds
    assert {"typo", "parent", "place", "spelling", "military"} <= kinds
    assert {"chinese", "russian", "persian", "arabic", *NEGATIVE_KINDS} <= kinds


def test_every_project_alias_belongs_to_a_list_entry():
    names = {entry.name for entry in ENTRIES}
    assert set(PROJECT_ALIASES) <= names, set(PROJECT_ALIASES) - names


def test_recall_false_alarms_and_crowding_meet_the_targets(index, capsys):
    positives = [c for c in CASES if c["expected"]]
    missed, crowded = [], []
    for case in positives:
        matches = index.search(case["query"], case["country"], threshold=0.0)
        if not right_entry_on_top(matches, case):
            missed.append(case["query"])
        elif any(
            m.score >= PROBABLE and not same_organisation(m.name, case["expected"])
            for m in matches
        ):
            crowded.append(case["query"])
    alarms, candidates = {}, {}
    for kind in NEGATIVE_KINDS:
        cases = [c for c in CASES if c["kind"] == kind]
        found = {c["query"]: index.search(c["query"], c["country"]) for c in cases}
        alarms[kind] = [q for q, m in found.items() if m and m[0].score >= PROBABLE]
        candidates[kind] = [q for q, m in found.items() if m]
        alarms[kind + "_n"] = len(cases)
    recall = 1 - len(missed) / len(positives)
    namesake_rate = len(alarms["namesake"]) / alarms["namesake_n"]
    crowding = len(crowded) / len(positives)
    with capsys.disabled():
        print(  # noqa: T201 - the issue asks for these figures in the test output
            f"\nNamed-list matching, {len(CASES)} cases: recall at {PROBABLE:.2f} "
            f"{recall:.3f} ({len(positives) - len(missed)}/{len(positives)}); "
            f"false alarms on unlisted {len(alarms['unlisted'])}/"
            f"{alarms['unlisted_n']}, on near-namesakes {len(alarms['namesake'])}/"
            f"{alarms['namesake_n']}; other entries above {PROBABLE:.2f} when the "
            f"right one is top {len(crowded)}/{len(positives)} ({crowding:.1%}). "
            f"Candidates at {CANDIDATE:.2f}: unlisted {len(candidates['unlisted'])}, "
            f"near-namesakes {len(candidates['namesake'])}.\nMissed: {missed}\n"
            f"False alarms: {alarms['unlisted'] + alarms['namesake']}\n"
            f"Crowded: {crowded}"
        )
    assert recall >= 0.97, missed
    assert alarms["unlisted"] == []
    assert candidates["unlisted"] == []  # not even a candidate for the contact point
    assert namesake_rate <= 0.01, alarms["namesake"]
    assert crowding <= 0.02, crowded


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("哈尔滨工业大学", "Harbin Institute of Technology"),
        ("Harbin Institute of Technology, Shenzhen", "Harbin Institute of Technology"),
        (
            "National University of Defence Technology",
            "National University of Defense Technology",
        ),
        (
            "PLA Information Engineering University",
            "Information Engineering University",
        ),
        ("دانشگاه صنعتي شريف", "Sharif University of Technology"),
    ],
)
def test_new_kinds_of_variant_find_their_entry_as_probable(index, query, expected):
    best = index.search(query)[0]
    assert same_organisation(best.name, expected)
    assert best.probable


@pytest.mark.parametrize(
    "name",
    [
        "Norwegian University of Science and Technology",
        "Harbin Medical University",
        "Beijing Normal University",
        "National University of Singapore",
        "Technical University of Munich",
        "University of Tehran",
    ],
)
def test_near_namesakes_are_not_candidates(index, name):
    assert index.search(name) == []


def test_moscow_institute_of_physics_and_technology_is_on_the_1286_list(index):
    best = index.search("Moscow Institute of Physics and Technology")[0]
    assert (best.list_key, best.score) == ("us_1286", 1.0)


def test_a_country_mismatch_lowers_but_does_not_hide_a_strong_match(index):
    same = index.search("Harbin Institute of Technology", "CN")[0]
    other = index.search("Harbin Institute of Technology", "NO")[0]
    assert other.name == same.name
    assert PROBABLE <= other.score < same.score


def test_acronyms_match_aliases_and_generated_initials(index):
    alias = index.search("NUDT")[0]
    assert alias.name == "National University of Defense Technology"
    assert alias.matched_name == "NUDT"
    generated = index.search("NUAA")
    assert generated[0].name == "Nanjing University of Aeronautics and Astronautics"


def test_results_come_best_first_with_the_matched_alias(index):
    matches = index.search("Zhongshan University")
    assert matches[0].name == "Sun Yat-sen University"
    assert matches[0].matched_name == "Zhongshan University"
    assert [m.score for m in matches] == sorted(
        (m.score for m in matches), reverse=True
    )
    assert set(matches[0].to_json()) == {
        "name",
        "matched_name",
        "list",
        "score",
        "country",
    }


@pytest.mark.parametrize("name", ["", "   ", "x" * 10_000])
def test_an_empty_or_huge_name_is_refused_with_a_clear_error(index, name):
    with pytest.raises(InvalidName, match="name"):
        index.search(name)


def test_the_matcher_loads_without_django_or_icu():
    """Pure Python from wheels: no Django, and nothing that compiles PyICU."""
    code = (
        "import sys, agreements.matching as m; m.warm_up(); "
        "bad = sorted(n for n in sys.modules if n.split('.')[0] in "
        "{'django', 'icu', 'rigour', 'normality'}); print(bad)"
    )
    root = Path(__file__).resolve().parents[2]
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=root
    )
    assert result.stdout.strip() == "[]", result.stderr
