"""Named-list matching: pure Python, no Django imports.

index = MatchIndex([Entry(key=1, name="Harbin Institute of Technology", ...)])
index.search("Harbin Inst. of Tech.", country="CN")  # -> [Match(...)]
"""

from __future__ import annotations

from agreements.matching.index import (
    CANDIDATE,
    PROBABLE,
    Entry,
    InvalidName,
    Match,
    MatchIndex,
    check_name,
)
from agreements.matching.normalise import tokens


def warm_up() -> None:
    """Load at start-up what the first query would otherwise load: anyascii's
    tables for the scripts names arrive in, and rapidfuzz's code paths."""
    MatchIndex([Entry(key=0, name="Warm-up Institute", aliases=("WUI",))]).search(
        "Warm-up Institute, 哈尔滨工业大学 Московский دانشگاه (x)"
    )


__all__ = [
    "CANDIDATE",
    "PROBABLE",
    "Entry",
    "InvalidName",
    "Match",
    "MatchIndex",
    "check_name",
    "tokens",
    "warm_up",
]
