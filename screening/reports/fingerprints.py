"""Fingerprints of the data a report is made from, to spot out-of-date reports.

A screening report depends on one screening row: every save bumps its
`revision` and `updated_at`, so those (with status and level) stand for it.
The summary depends on the whole register: counts and the latest change of
agreements and screenings, two aggregate queries whatever the size.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from typing import Any

from django.db.models import Count, Max

from agreements.models import Agreement
from screening.models import Report, Screening

SCREENING_FIELDS = ("pk", "revision", "updated_at", "status", "overall_level")


def current(*, kind: str, screening: Any = None, params: dict[str, Any]) -> str:
    if kind == Report.Kind.SCREENING:
        row = Screening.objects.filter(pk=screening.pk).values(*SCREENING_FIELDS)
        return _hash({"params": params, "screening": row.first()})
    return _summary(params)


def out_of_date(reports: Iterable[Report]) -> set[int]:
    """Ids of the ready reports whose data has changed, in a constant number of
    queries (one for all screenings, two per distinct summary filter)."""
    ready = [r for r in reports if r.status == Report.Status.READY]
    screening_ids = {r.screening_id for r in ready if r.screening_id}
    rows = {
        row["pk"]: row
        for row in Screening.objects.filter(pk__in=screening_ids).values(
            *SCREENING_FIELDS
        )
    }
    summaries: dict[str, str] = {}
    stale = set()
    for report in ready:
        if report.kind == Report.Kind.SCREENING:
            now = _hash(
                {"params": report.params, "screening": rows.get(report.screening_id)}
            )
        else:
            key = json.dumps(report.params, sort_keys=True)
            if key not in summaries:
                summaries[key] = _summary(report.params)
            now = summaries[key]
        if now != report.data_fingerprint:
            stale.add(report.pk)
    return stale


def _summary(params: dict[str, Any]) -> str:
    agreements = Agreement.objects.aggregate(n=Count("pk"), last=Max("updated_at"))
    screenings = Screening.objects.aggregate(n=Count("pk"), last=Max("updated_at"))
    return _hash({"params": params, "agreements": agreements, "screenings": screenings})


def _hash(data: dict[str, Any]) -> str:
    text = json.dumps(data, sort_keys=True, default=str)
    return hashlib.sha256(text.encode()).hexdigest()
