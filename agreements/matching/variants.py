"""The forms of a query worth searching for (pure Python, no Django).

People write more than an institution's name: a campus or city after a comma
("Harbin Institute of Technology, Shenzhen"), a note in brackets, a military
owner in front ("PLA Information Engineering University", "中国人民解放军国防
科技大学"). Each such addition is cut off to give another form of the query; the
matcher scores every form and keeps the best score per entry, so the full name
still wins whenever the addition is part of a listed name.
"""

from __future__ import annotations

import re

from agreements.matching import places
from agreements.matching.normalise import ORG_TYPES, raw_tokens, tokens

_BRACKETED = re.compile(r"\([^()]*\)|\[[^\[\]]*\]|\uff08[^\uff08\uff09]*\uff09")
_COMMA = re.compile("[,\u060c\uff0c\u3001;]")  # , Arabic comma, fullwidth, 、 ;
# Token sequences that name a military owner, not the institution.
MILITARY_PREFIXES: tuple[tuple[str, ...], ...] = (
    ("chinese", "peoples", "liberation", "army"),
    ("peoples", "liberation", "army"),
    ("islamic", "revolutionary", "guard", "corps"),
    ("irgc",),
    ("pla",),
)
_MAX_PLACE_WORDS = 3


def remove_bracketed_text(name: str) -> str:
    """The name without text in brackets: "HIT (Shenzhen)" -> "HIT "."""
    return _BRACKETED.sub(" ", name)


def without_trailing_places(name: str, vocabulary: frozenset[str]) -> str:
    """The name without comma-separated places at its end: ", Shenzhen",
    ", Tehran, Iran", ", Chongqing 400044". A trailing part counts as a place
    when it is short, names no kind of organisation, and each word is a known
    place, a number, or a word that no list entry uses."""
    parts = _COMMA.split(name)
    while len(parts) > 1 and _is_place(parts[-1], vocabulary):
        parts.pop()
    return ",".join(parts)


def _is_place(part: str, vocabulary: frozenset[str]) -> bool:
    words = raw_tokens(part)
    if not words or len(words) > _MAX_PLACE_WORDS:
        return False
    if any(t in ORG_TYPES for t in tokens(part)):
        return False
    return all(
        w.isdigit() or places.is_place([w]) or w not in vocabulary for w in words
    ) or places.is_place([" ".join(words)])


def without_military_owner(toks: tuple[str, ...]) -> tuple[str, ...]:
    """Tokens without a leading or trailing PLA/IRGC and the like."""
    for prefix in MILITARY_PREFIXES:
        size = len(prefix)
        if len(toks) > size and toks[:size] == prefix:
            toks = toks[size:]
        if len(toks) > size and toks[-size:] == prefix:
            toks = toks[:-size]
    return toks


def query_forms(name: str, vocabulary: frozenset[str]) -> list[tuple[str, ...]]:
    """Token tuples for the name and its shorter forms, without repeats."""
    texts = [name, remove_bracketed_text(name)]
    texts += [without_trailing_places(t, vocabulary) for t in texts]
    forms: list[tuple[str, ...]] = []
    for text in texts:
        toks = tokens(text, vocabulary)
        forms += [toks, without_military_owner(toks)]
    return [f for f in dict.fromkeys(forms) if f]
