"""Database keys from user input: a number beyond 64 bits is no row's key.

SQLite refuses such a number with an OverflowError and PostgreSQL finds
nothing, so a forged id is recognised here, before any query.
"""

from __future__ import annotations

KEY_LIMIT = 2**63  # one past the largest bigint


def as_key(text: object) -> int | None:
    """The positive key a text spells, or None when no row could have it."""
    text = str(text)
    if text.isascii() and text.isdecimal() and 0 < int(text) < KEY_LIMIT:
        return int(text)
    return None


def beyond_any_key(text: object) -> bool:
    """A number (of either sign) too large for any key; False for non-numbers."""
    try:
        return abs(int(str(text))) >= KEY_LIMIT
    except ValueError:
        return False
