"""The institution summary's page on the value register (issue 22): each asset
with its review state and the screenings that touch it.

Screening reads the register; the register never reads screenings. Which
screenings touch an asset is in their answers (screening.services.asset_picks).
"""

from __future__ import annotations

from typing import Any

from django.utils import timezone

from screening.models import Screening
from screening.reports.summary import NOT_COUNTED, Filter
from screening.services.asset_picks import touching
from valueregister.models import Asset

SCREENINGS_PER_ASSET = 20


def pdf_context(summary_filter: Filter) -> dict[str, Any]:
    today = timezone.localdate()
    assets = Asset.objects.active().select_related("unit").order_by("name", "pk")
    if summary_filter.unit_id:
        unit = summary_filter.unit_id
        assets = assets.filter(unit_id__in=_unit_ids(unit))
    counted = Screening.objects.exclude(status__in=NOT_COUNTED)
    by_asset = touching(counted)
    rows = [
        {
            "asset": asset,
            "overdue": asset.is_overdue(today),
            "screenings": by_asset.get(asset.pk, [])[:SCREENINGS_PER_ASSET],
            "more": max(0, len(by_asset.get(asset.pk, [])) - SCREENINGS_PER_ASSET),
        }
        for asset in assets
    ]
    return {
        "register_rows": rows,
        "register_overdue": sum(1 for r in rows if r["overdue"]),
    }


def _unit_ids(unit_id: int) -> set[int]:
    from agreements.models import Unit

    unit = Unit.objects.filter(pk=unit_id).first()
    return unit.descendant_ids() if unit else {unit_id}
