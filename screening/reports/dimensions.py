"""Per-dimension levels of stored screening results, counted in SQL.

`Screening.result["dimensions"]` is a list of {"key", "level", ...} (see
`screening.scoring`). We group by (key, level) at every list position at once,
so the count is one query however many screenings there are, and does not
depend on the order the questionnaire lists the dimensions in.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Count
from django.db.models.fields.json import KT
from django.utils.translation import gettext_lazy as _

DIMENSIONS = {
    "AF": _("Academic freedom and ethics"),
    "SEC": _("Security and interference"),
    "EXP": _("Export control and sanctions"),
    "DP": _("Data protection and information security"),
    "REP": _("Reputation, finance and governance"),
}


def count_levels(screenings, levels: tuple[str, ...]) -> list[dict[str, Any]]:
    """For each dimension, how many screenings sit at each level in it.

    One grouped query: each row is a combination of (key, level) at every list
    position, so the rows returned are bounded by the level combinations that
    occur, never by the number of screenings.
    """
    positions = range(len(DIMENSIONS))
    names = {}
    for i in positions:
        names[f"dim{i}_key"] = KT(f"result__dimensions__{i}__key")
        names[f"dim{i}_level"] = KT(f"result__dimensions__{i}__level")
    rows = (
        screenings.annotate(**names)
        .filter(dim0_key__isnull=False)
        .values(*names)
        .annotate(n=Count("pk"))
        .order_by()
    )
    counts: dict[str, dict[str, int]] = {key: {} for key in DIMENSIONS}
    for row in rows:
        for i in positions:
            key, level = row[f"dim{i}_key"], row[f"dim{i}_level"]
            if key is not None:
                dim = counts.setdefault(key, {})
                dim[level] = dim.get(level, 0) + row["n"]
    return [
        {
            "key": key,
            "name": str(DIMENSIONS.get(key, key)),
            "levels": found,
            "cells": [found.get(level, 0) for level in levels],
            "total": sum(found.values()),
        }
        for key, found in counts.items()
    ]
