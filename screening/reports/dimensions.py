"""Per-dimension levels of stored screening results, counted in SQL.

`Screening.result["dimensions"]` is a list of {"key", "level", ...} (see
`screening.scoring`). We group by (key, level) at each list position, so the
count needs one query per dimension however many screenings there are, and
does not depend on the order the questionnaire lists the dimensions in.
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
    """For each dimension, how many screenings sit at each level in it."""
    counts: dict[str, dict[str, int]] = {key: {} for key in DIMENSIONS}
    for i in range(len(DIMENSIONS)):
        rows = (
            screenings.annotate(
                dim_key=KT(f"result__dimensions__{i}__key"),
                dim_level=KT(f"result__dimensions__{i}__level"),
            )
            .filter(dim_key__isnull=False)
            .values("dim_key", "dim_level")
            .annotate(n=Count("pk"))
            .order_by()
        )
        for row in rows:
            dim = counts.setdefault(row["dim_key"], {})
            dim[row["dim_level"]] = dim.get(row["dim_level"], 0) + row["n"]
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
