"""Characters the report fonts cannot draw are printed as their name, not as boxes.

The PDF fonts are the ones shipped in `static/fonts/` (see its README):
DejaVu Sans, WenQuanYi Micro Hei and a symbol and emoji subset of Symbola. A
researcher may still type a character none of them has (an emoji newer than
Symbola, say). WeasyPrint would draw an empty box, which a reader cannot tell
from a missing letter; `printable` writes "[grinning face]" instead.

The coverage comes from each font's `cmap` table (formats 4 and 12, which is
all our fonts use), read once per process with `struct`.
"""

from __future__ import annotations

import re
import struct
import unicodedata
from bisect import bisect_right
from functools import cache

from django.contrib.staticfiles import finders

FONT_FILES = (
    "fonts/dejavu/DejaVuSans.ttf",
    "fonts/wqy-microhei/wqy-microhei.ttf",
    "fonts/symbola/Symbola-symbols.ttf",
)
# Everything below U+2000 (Latin, Greek, Cyrillic, punctuation) is in DejaVu;
# only characters above it are looked up.
FIRST_CHECKED = 0x2000
INVISIBLE = {"Mn", "Me", "Cf", "Cc", "Zs", "Zl", "Zp", "Co", "Cs"}
ABOVE = re.compile(r"[^\u0000-\u1fff]")


def printable(text: str) -> str:
    """`text` with every character no report font has replaced by its name."""
    missing = {c for c in set(ABOVE.findall(text)) if not _drawable(c)}
    if not missing:
        return text
    return "".join(_name(c) if c in missing else c for c in text)


def _drawable(char: str) -> bool:
    if unicodedata.category(char) in INVISIBLE:
        return True  # joiners, variation selectors, spaces: nothing to draw
    starts, ends = _coverage()
    i = bisect_right(starts, ord(char)) - 1
    return i >= 0 and ord(char) <= ends[i]


def _name(char: str) -> str:
    return "[" + unicodedata.name(char, f"U+{ord(char):04X}").lower() + "]"


@cache
def _coverage() -> tuple[list[int], list[int]]:
    """Sorted, merged code point ranges of all report fonts."""
    ranges: list[tuple[int, int]] = []
    for name in FONT_FILES:
        path = finders.find(name)
        if path:
            with open(path, "rb") as handle:
                ranges += cmap_ranges(handle.read())
    merged: list[list[int]] = []
    for start, end in sorted(ranges):
        if merged and start <= merged[-1][1] + 1:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    return [r[0] for r in merged], [r[1] for r in merged]


def cmap_ranges(font: bytes) -> list[tuple[int, int]]:
    """The (first, last) code point ranges of a TrueType font's Unicode cmaps."""
    tables = struct.unpack_from(">H", font, 4)[0]
    cmap = None
    for i in range(tables):
        tag, _sum, offset, _length = struct.unpack_from(">4sIII", font, 12 + 16 * i)
        if tag == b"cmap":
            cmap = offset
    if cmap is None:
        return []
    ranges = []
    count = struct.unpack_from(">H", font, cmap + 2)[0]
    for i in range(count):
        record = cmap + 4 + 8 * i
        platform, _encoding, offset = struct.unpack_from(">HHI", font, record)
        if platform not in (0, 3):  # Unicode and Windows platforms
            continue
        table = cmap + offset
        kind = struct.unpack_from(">H", font, table)[0]
        if kind == 4:
            segments = struct.unpack_from(">H", font, table + 6)[0] // 2
            ends = struct.unpack_from(f">{segments}H", font, table + 14)
            starts = struct.unpack_from(
                f">{segments}H", font, table + 16 + 2 * segments
            )
            ranges += [(s, e) for s, e in zip(starts, ends, strict=True) if s != 0xFFFF]
        elif kind == 12:
            groups = struct.unpack_from(">I", font, table + 12)[0]
            for g in range(groups):
                group = table + 16 + 12 * g
                start, end = struct.unpack_from(">II", font, group)
                ranges.append((start, end))
    return ranges
