"""The matcher against its test set (tests/agreements/matching_cases.csv), built
from the three seeded lists: true variants must reach 0.70 on the right entry,
true negatives must stay below 0.50."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from agreements.matching import CANDIDATE, PROBABLE, Entry, InvalidName, MatchIndex
from agreements.matching.lists import read_list_csv
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


def seeded_entries() -> list[Entry]:
    return [
        Entry(
            key=(key, row.name),
            name=row.name,
            aliases=row.aliases,
            country=row.country,
            parent=row.parent,
            list_key=key,
        )
        for key, filename in LISTS.items()
        for row in read_list_csv((FIXTURES / filename).read_bytes())
    ]


@pytest.fixture(scope="module")
def index():
    return MatchIndex(seeded_entries())


def finds_right_entry(index, case) -> bool:
    matches = index.search(case["query"], case["country"], threshold=0.0)
    wanted = [m for m in matches if tokens(m.name) == tokens(case["expected"])]
    # the right entry scores highest (an equal score for the same organisation
    # on another list is fine)
    return bool(wanted) and wanted[0].score >= max(PROBABLE, matches[0].score)


def test_the_test_set_is_large_and_covers_every_kind_of_variant():
    kinds = {case["kind"] for case in CASES}
    assert len(CASES) >= 150
    assert {"alias", "acronym", "order", "orgwords", "accents", "cyrillic"} <= kinds
    assert {"typo", "parent", "negative"} <= kinds


def test_recall_and_false_positive_rate_meet_the_bar(index, capsys):
    positives = [c for c in CASES if c["expected"]]
    negatives = [c for c in CASES if not c["expected"]]
    missed = [c["query"] for c in positives if not finds_right_entry(index, c)]
    false_hits = [
        c["query"]
        for c in negatives
        if index.search(c["query"], c["country"], threshold=CANDIDATE)
    ]
    recall = 1 - len(missed) / len(positives)
    fp_rate = len(false_hits) / len(negatives)
    with capsys.disabled():
        print(  # noqa: T201 - the issue asks for recall in the test output
            f"\nNamed-list matching: {len(positives)} true variants, recall "
            f"{recall:.3f}; {len(negatives)} true negatives, false-positive rate "
            f"{fp_rate:.3f}. Missed: {missed}. False hits: {false_hits}."
        )
    assert recall >= 0.95, missed
    assert fp_rate <= 0.02, false_hits


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
