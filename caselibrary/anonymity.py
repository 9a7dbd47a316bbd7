"""Which people's names a text gives away. No Django imports.

A published case must never name the people on its screening. The check is on
whole words, case- and accent-insensitive, so "Kari Nordmann", "NORDMANN" and
"nordmann's" are found while "Nordmannsgata" and "per år" are not. Full names
and surnames are always checked; a first name alone only from four letters,
since short first names ("Per", "Are", "Siv") are ordinary words too.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

MIN_FIRST_NAME = 4
MIN_SURNAME = 2


@dataclass(frozen=True)
class Person:
    first_name: str = ""
    last_name: str = ""
    username: str = ""


# Letters NFKD does not split into a base letter and an accent.
LETTERS = str.maketrans({"ø": "o", "æ": "ae", "đ": "d", "ł": "l", "ß": "ss"})


def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.casefold().translate(LETTERS))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _words(person: Person) -> list[str]:
    first, last = person.first_name.strip(), person.last_name.strip()
    words = []
    if first and last:
        words.append(f"{first} {last}")
    if len(last) >= MIN_SURNAME:
        words.append(last)
    if len(first) >= MIN_FIRST_NAME:
        words.append(first)
    if len(person.username) >= MIN_FIRST_NAME:
        words.append(person.username)
    return words


def names_found(text: str, people: Iterable[Person]) -> list[str]:
    """The names (as written on the person) that occur in `text`, in order."""
    folded = _fold(text)
    found: list[str] = []
    for person in people:
        for word in _words(person):
            pattern = r"(?<!\w)" + r"\s+".join(map(re.escape, _fold(word).split()))
            if not re.search(pattern + r"(?!\w)", folded):
                continue
            # "Kari Nordmann" found: "Nordmann" and "Kari" add nothing
            if not any(_fold(word) in _fold(f).split() for f in found):
                found.append(word)
    return found


def mentions(text: str, name: str) -> bool:
    """Whether `text` contains `name` as whole words (for the partner's name)."""
    words = _fold(name).split()
    if not words:
        return False
    pattern = r"(?<!\w)" + r"\s+".join(map(re.escape, words)) + r"(?!\w)"
    return re.search(pattern, _fold(text)) is not None
