"""Named actions on reports. The only place that enqueues `render_report`."""

from __future__ import annotations

import logging
from functools import partial
from typing import Any

from django.db import transaction
from django.utils.translation import gettext_noop

from config.queueing import ENQUEUE_ERRORS
from screening import tasks
from screening.models import Report
from screening.reports import fingerprints

logger = logging.getLogger(__name__)

BROKER_DOWN = gettext_noop(
    "The report service could not be reached, so the report was not started. "
    "Try again in a moment."
)


@transaction.atomic
def request_report(
    *,
    kind: str,
    by: Any,
    screening: Any = None,
    params: dict[str, Any] | None = None,
) -> Report:
    """Queue a report, or return the requester's pending or ready one of the same data.

    The fingerprint covers the parameters and the data, so asking twice for the
    same report while it renders (or after, while the data is unchanged) returns
    the existing row instead of rendering again.
    """
    params = params or {}
    language = getattr(by, "language", "") or "nb"
    fingerprint = fingerprints.current(kind=kind, screening=screening, params=params)
    existing = (
        Report.objects.select_for_update()
        .filter(
            kind=kind,
            requested_by=by,
            language=language,
            data_fingerprint=fingerprint,
            status__in=[
                Report.Status.QUEUED,
                Report.Status.RENDERING,
                Report.Status.READY,
            ],
            screening=screening,
        )
        .first()
    )
    if existing is not None:
        return existing
    report = Report.objects.create(
        kind=kind,
        requested_by=by,
        language=language,
        params=params,
        data_fingerprint=fingerprint,
        screening=screening,
    )
    _enqueue_on_commit(report)
    return report


@transaction.atomic
def retry_report(report: Report, *, by: Any) -> Report:
    """Queue a failed report again (the data may have changed since)."""
    report = Report.objects.select_for_update().get(pk=report.pk)
    if report.status != Report.Status.FAILED:
        return report
    report.status = Report.Status.QUEUED
    report.error = ""
    report.data_fingerprint = fingerprints.current(
        kind=report.kind, screening=report.screening, params=report.params
    )
    report.save(update_fields=["status", "error", "data_fingerprint"])
    _enqueue_on_commit(report)
    return report


def _enqueue_on_commit(report: Report) -> None:
    transaction.on_commit(partial(_enqueue, report.pk))


def _enqueue(report_id: int) -> None:
    """Send the task; a broker that is down marks the report failed, never a 500.

    `delay_on_commit` would raise after the commit, out of reach of the view, so
    we register our own on-commit callback and catch the broker error here.
    """
    try:
        tasks.render_report.delay(report_id)
    except ENQUEUE_ERRORS:
        logger.exception("Could not enqueue report %s", report_id)
        Report.objects.filter(pk=report_id, status=Report.Status.QUEUED).update(
            status=Report.Status.FAILED, error=BROKER_DOWN
        )
