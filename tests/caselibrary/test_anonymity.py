"""The name check on its own (pure Python, no database)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from caselibrary import anonymity
from caselibrary.anonymity import Person

KARI = Person("Kari", "Nordmann", "kanor")
PER = Person("Per", "Lie", "plie")


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("Kari Nordmann led it.", ["Kari Nordmann"]),
        ("kari  NORDMANN", ["Kari Nordmann"]),
        ("Kari wrote; Nordmann signed", ["Nordmann", "Kari"]),
        ("Nordmann's lab", ["Nordmann"]),
        ("Nordmannsgata 3", []),
        ("Mail kanor about it", ["kanor"]),
        ("Two visits per year", []),  # "Per" is too short to check alone
        ("Per Lie agreed", ["Per Lie"]),
        ("A liaison office", []),
    ],
)
def test_names_found(text, found):
    assert anonymity.names_found(text, [KARI, PER]) == found


def test_accents_do_not_hide_a_name():
    assert anonymity.names_found("Prof. Sørensen", [Person("Åse", "Sorensen")]) == [
        "Sorensen"
    ]


def test_partner_mentions():
    assert anonymity.mentions(
        "with Beijing  Institute of Technology", "Beijing Institute of Technology"
    )
    assert not anonymity.mentions(
        "with a partner in Beijing", "Beijing Institute of Technology"
    )


def test_stays_free_of_django():
    tree = ast.parse(Path(anonymity.__file__).read_text())
    imported = {
        name
        for node in ast.walk(tree)
        for name in (
            [node.module or ""]
            if isinstance(node, ast.ImportFrom)
            else [a.name for a in node.names]
            if isinstance(node, ast.Import)
            else []
        )
    }
    assert not any(name.split(".")[0] == "django" for name in imported)
