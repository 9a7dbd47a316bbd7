"""The institution summary's page on the value register (issue 22): each asset
with its review state and the screenings that touch it.

Screening reads the register; the register never reads screenings. Which
screenings touch an asset is in their answers (`assets` questions), read here.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from django.utils import timezone

from screening import questionnaire as qn
from screening.models import Screening
from screening.reports.summary import NOT_COUNTED, Filter
from valueregister.models import Asset

SCREENINGS_PER_ASSET = 20


def touching(screenings: Any) -> dict[int, list[Screening]]:
    """{asset id: the screenings whose answers pick it}, newest first."""
    keys = _asset_question_keys()
    by_asset: dict[int, list[Screening]] = defaultdict(list)
    for key in keys:
        rows = screenings.filter(answers__has_key=key).order_by("-created_at", "-pk")
        for screening in rows.only("pk", "title", "overall_level", "status", "answers"):
            picked = screening.answers.get(key)
            if not isinstance(picked, list):
                continue
            ids = {int(v) for v in picked if isinstance(v, str) and _id(v)}
            for asset_id in ids:
                if screening not in by_asset[asset_id]:
                    by_asset[asset_id].append(screening)
    return by_asset


def _id(value: str) -> bool:
    return value.isascii() and value.isdigit() and len(value) <= 12


def _asset_question_keys() -> list[str]:
    """Keys of the `assets` questions in every published definition."""
    keys: set[str] = set()
    for path in qn.definition_files():
        questionnaire_id, _, version = path.stem.rpartition("-v")
        q = qn.load(questionnaire_id, int(version))
        keys |= {question.key for question in q.questions if question.type == "assets"}
    return sorted(keys)


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
