"""Named actions on reports. The only place that enqueues `render_report`."""

from __future__ import annotations

import datetime as dt
import logging
from functools import partial
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext, gettext_noop

from config.queueing import ENQUEUE_ERRORS, task_named
from screening.models import Report
from screening.reports import fingerprints

logger = logging.getLogger(__name__)

NEVER_STARTED = gettext_noop(
    "The report service did not start the report, though it was queued "
    "%(attempts)s times. Try again in a moment."
)
STOPPED = gettext_noop(
    "The report stopped before it was finished %(attempts)s times (the report "
    "service was restarted or ran out of time). Try again; if it stops again, "
    "tell the administrator."
)
# Given by migration 0008 to pending duplicates made before the constraint.
DUPLICATE = gettext_noop(
    "This report was asked for twice at once; the other copy is the one that "
    "is made. Try again to make this one."
)
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
    the existing row instead of rendering again. Requests sent at the same moment
    (a double-click, three tabs) meet at the `report_one_pending_per_request`
    constraint: the second waits for the first to commit, then returns its row.
    A pending report that is stuck is queued again, as a retry would.
    """
    params = params or {}
    request = {
        "kind": kind,
        "requested_by": by,
        "language": getattr(by, "language", "") or "nb",
        "data_fingerprint": fingerprints.current(
            kind=kind, screening=screening, params=params
        ),
    }
    existing = _same_report(**request)
    if existing is None:
        try:
            with transaction.atomic():
                report = Report.objects.create(
                    **request,
                    params=params,
                    screening=screening,
                    queued_at=timezone.now(),
                )
        except IntegrityError:  # a request sent at the same moment made it
            existing = _same_report(**request)
            if existing is None:
                raise
        else:
            _enqueue_on_commit(report)
            return report
    if existing.is_stuck():
        return _queue_again(existing)
    return existing


def _same_report(**request: Any) -> Report | None:
    return (
        Report.objects.select_for_update()
        .filter(
            **request,
            status__in=[
                Report.Status.QUEUED,
                Report.Status.RENDERING,
                Report.Status.READY,
            ],
        )
        .order_by("-pk")
        .first()
    )


@transaction.atomic
def retry_report(report: Report, *, by: Any) -> Report:
    """Queue a failed or stuck report again (the data may have changed since).

    If the same report is already pending under another row (asked for again
    after this one failed), that one is returned and this one stays as it is.
    """
    report = Report.objects.select_for_update().get(pk=report.pk)
    if not report.may_retry():
        return report
    report.data_fingerprint = fingerprints.current(
        kind=report.kind, screening=report.screening, params=report.params
    )
    twin = (
        Report.objects.pending()
        .filter(
            requested_by_id=report.requested_by_id,
            kind=report.kind,
            language=report.language,
            data_fingerprint=report.data_fingerprint,
        )
        .exclude(pk=report.pk)
        .first()
    )
    if twin is not None:
        return twin
    return _queue_again(report)


def _queue_again(report: Report) -> Report:
    """As newly asked for: queued now, counters from zero, no old error."""
    report.status = Report.Status.QUEUED
    report.error = ""
    report.attempts = report.requeues = 0
    report.queued_at = timezone.now()
    report.save(
        update_fields=[
            "status",
            "error",
            "data_fingerprint",
            "attempts",
            "requeues",
            "queued_at",
        ]
    )
    _enqueue_on_commit(report)
    return report


def rescue_stuck_reports(*, now: dt.datetime | None = None) -> list[Report]:
    """The watchdog: every report stuck in queued or rendering is queued again,
    or, after `REPORT_MAX_ATTEMPTS`, failed with a reason (and so a Retry).

    Each report is handled in its own transaction and its own try, so one bad
    row does not keep the others stuck. Returns the reports it changed.
    """
    now = now or timezone.now()
    changed = []
    for pk in Report.objects.stuck(now).values_list("pk", flat=True):
        try:
            report = _rescue(pk, now)
        except Exception:
            logger.exception("Watchdog could not rescue report %s", pk)
            continue
        if report is not None:
            changed.append(report)
    return changed


@transaction.atomic
def _rescue(pk: int, now: dt.datetime) -> Report | None:
    report = Report.objects.stuck(now).select_for_update().filter(pk=pk).first()
    if report is None:
        return None  # finished (or was rescued) in the meantime
    tries = max(report.attempts, report.requeues)
    if tries >= settings.REPORT_MAX_ATTEMPTS:
        reason = NEVER_STARTED if report.status == Report.Status.QUEUED else STOPPED
        with translation.override(report.language):
            report.error = gettext(reason) % {"attempts": tries}
        report.status = Report.Status.FAILED
        report.finished_at = now
        report.save(update_fields=["status", "error", "finished_at"])
        logger.warning("Watchdog failed report %s after %s tries", pk, tries)
        return report
    logger.warning("Watchdog queued report %s (%s) again", pk, report.status)
    report.status = Report.Status.QUEUED
    report.queued_at = now
    report.requeues += 1
    report.save(update_fields=["status", "queued_at", "requeues"])
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
        task_named("screening.tasks.render_report").delay(report_id)
    except ENQUEUE_ERRORS:
        logger.exception("Could not enqueue report %s", report_id)
        Report.objects.filter(pk=report_id, status=Report.Status.QUEUED).update(
            status=Report.Status.FAILED, error=BROKER_DOWN
        )
