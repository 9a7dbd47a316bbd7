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

__all__ = [
    "CANDIDATE",
    "PROBABLE",
    "Entry",
    "InvalidName",
    "Match",
    "MatchIndex",
    "check_name",
    "tokens",
]
