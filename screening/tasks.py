"""Background work of the screening app: PDF reports, review e-mails, re-scoring.

Each task loads its rows by id and is safe to run twice. Services enqueue
these by their dotted path (config.queueing.send_on_commit), so this module
imports the services and nothing imports it back.
"""

from __future__ import annotations

import logging
import time

from celery import shared_task
from celery.exceptions import SoftTimeLimitExceeded
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import InterfaceError, OperationalError, connection
from django.db.models import F
from django.utils import timezone, translation
from django.utils.translation import gettext, gettext_noop

from agreements.mail import Undelivered
from screening import notifications
from screening.models import Report, RouteTask, Screening, Transition, UndeliveredEmail
from screening.reports import build, services
from screening.services import rescoring, reviews

logger = logging.getLogger(__name__)

TIMED_OUT = gettext_noop("The report took too long to render.")
RENDER_FAILED = gettext_noop("The report could not be rendered: %(error)s")
# The worker stopping (warm or cold shutdown, Ctrl-C) must reach Celery, so the
# message stays unacknowledged and the report is rendered again after a
# restart. Everything else that can end a render (WeasyPrint's
# FatalURLFetchingError, such as a missing static file, is a BaseException)
# ends it as "failed", with the reason and a Retry.
WORKER_EXITS = (SystemExit, KeyboardInterrupt, GeneratorExit)
DATABASE_GONE = (OperationalError, InterfaceError)


@shared_task(
    soft_time_limit=settings.REPORT_SOFT_TIME_LIMIT,
    time_limit=settings.REPORT_TIME_LIMIT,
    acks_late=True,
)
def render_report(report_id: int) -> None:
    """Render one report to PDF. Safe to run twice: redelivery is a no-op or a redo."""
    report = Report.objects.filter(pk=report_id).first()
    if report is None or report.status in (Report.Status.READY, Report.Status.FAILED):
        return  # done already, or failed and waiting for the user's retry
    if report.attempts >= settings.REPORT_MAX_ATTEMPTS:
        # Each start killed its worker (out of memory, say) and Celery handed
        # the task straight back: stop the loop here.
        _fail(report, services.STOPPED, attempts=report.attempts)
        return
    started = timezone.now()
    claimed = Report.objects.filter(
        pk=report.pk,
        status__in=[Report.Status.QUEUED, Report.Status.RENDERING],
        data_fingerprint=report.data_fingerprint,
    ).update(
        status=Report.Status.RENDERING, started_at=started, attempts=F("attempts") + 1
    )
    if not claimed:
        return
    clock = time.monotonic()
    try:
        pdf = build.render(report)
        stored = _store(report, pdf.content)
    except SoftTimeLimitExceeded:
        _fail(report, TIMED_OUT)
        return
    except WORKER_EXITS:
        raise
    except BaseException as exc:  # any renderer error is news for the user
        logger.exception("Report %s failed", report.pk)
        _fail(report, RENDER_FAILED, error=str(exc)[:300] or type(exc).__name__)
        return
    _update_reconnecting(
        report.pk,
        [Report.Status.RENDERING],
        data_fingerprint=report.data_fingerprint,
        status=Report.Status.READY,
        file_name=stored,
        pages=pdf.pages,
        size=len(pdf.content),
        duration=round(time.monotonic() - clock, 3),
        finished_at=timezone.now(),
        error="",
    )


def _store(report, content: bytes) -> str:
    """Write the PDF under its deterministic name: a re-run overwrites it."""
    name = f"reports/{report.kind}-{report.pk}-{report.data_fingerprint[:12]}.pdf"
    if default_storage.exists(name):
        default_storage.delete(name)
    return default_storage.save(name, ContentFile(content))


def _fail(report, message: str, **values: object) -> None:
    with translation.override(report.language):
        message = gettext(message) % values if values else gettext(message)
    pending = [Report.Status.QUEUED, Report.Status.RENDERING]
    _update_reconnecting(
        report.pk,
        pending,
        status=Report.Status.FAILED,
        error=message,
        finished_at=timezone.now(),
    )


def _update_reconnecting(
    pk: int, statuses: list[str], data_fingerprint: str = "", **values: object
) -> int:
    """The conditional UPDATE that ends a render, once more on a fresh
    connection if the database dropped ours while the PDF was being made (a
    restart, a fail-over, an idle timeout). If that fails too, the task fails
    and the watchdog queues the report again."""
    rows = Report.objects.filter(pk=pk, status__in=statuses)
    if data_fingerprint:
        rows = rows.filter(data_fingerprint=data_fingerprint)
    try:
        return rows.update(**values)
    except DATABASE_GONE:
        logger.warning("Report %s: database connection lost, reconnecting", pk)
        connection.close()
        return rows.update(**values)


@shared_task(acks_late=True)
def rescue_stuck_reports() -> int:
    """Every minute (beat): queue again, or fail, reports stuck in queued or
    rendering (lost message, killed worker, dropped connection)."""
    return len(services.rescue_stuck_reports())


# Review e-mails (owned by the review area), delivered at least once: the row
# is marked notified only after every recipient's message was handed to the
# mail server. A failure is retried for those recipients after growing delays
# (RETRY_DELAYS, 73 minutes in all), then listed for the contact point
# (UndeliveredEmail) with a button to send it again. Run inline (no broker, or
# the broker down) there is nothing to wait for: it is listed at once.

RETRY_DELAYS = (60, 120, 300, 600, 900, 1200, 1200)


@shared_task(bind=True, acks_late=True, max_retries=len(RETRY_DELAYS))
def notify_submitted(self, transition_id: int, only: list[str] | None = None) -> None:
    step = Transition.objects.filter(pk=transition_id, notified_at=None).first()
    if step is not None:
        _deliver(self, "submitted", step, notifications.send_submitted, only)


@shared_task(bind=True, acks_late=True, max_retries=len(RETRY_DELAYS))
def notify_routed(self, route_task_id: int, only: list[str] | None = None) -> None:
    task = RouteTask.objects.filter(pk=route_task_id, notified_at=None).first()
    if task is not None:
        _deliver(self, "routed", task, notifications.send_routed, only)


@shared_task(bind=True, acks_late=True, max_retries=len(RETRY_DELAYS))
def notify_decision(self, transition_id: int, only: list[str] | None = None) -> None:
    step = Transition.objects.filter(pk=transition_id, notified_at=None).first()
    if step is not None:
        _deliver(self, "decision", step, notifications.send_decision, only)


@shared_task(bind=True, acks_late=True, max_retries=len(RETRY_DELAYS))
def notify_level_changed(
    self, screening_id: int, only: list[str] | None = None
) -> None:
    """The facts moved a screening's level (services.rescoring). No row marks
    it sent: a redelivered task may send it twice, never not at all."""
    screening = Screening.objects.select_related("owner").filter(pk=screening_id)
    found = screening.first()
    if found is not None:
        _deliver(self, "level_changed", found, notifications.send_level_changed, only)


def _deliver(task, kind: str, row, send, only: list[str] | None) -> None:
    """Send; mark `row` notified on success, else retry or list the failure."""
    try:
        send(row, only)
    except Undelivered as failure:
        attempt = task.request.retries or 0
        if not task.request.is_eager and attempt < len(RETRY_DELAYS):
            raise task.retry(
                args=(row.pk, failure.recipients),
                kwargs={},
                countdown=RETRY_DELAYS[attempt],
                exc=failure,
            ) from failure
        logger.error(
            "E-mail %s about %s %s not delivered to %d recipient(s) after %d attempts",
            kind,
            type(row).__name__,
            row.pk,
            len(failure.recipients),
            attempt + 1,
        )
        UndeliveredEmail.objects.create(
            screening_id=getattr(row, "screening_id", row.pk),
            kind=kind,
            object_id=row.pk,
            recipients=failure.recipients,
            error=failure.error[:200],
        )
        return
    if hasattr(row, "notified_at"):
        type(row).objects.filter(pk=row.pk, notified_at=None).update(
            notified_at=timezone.now()
        )


@shared_task(acks_late=True)
def send_review_reminders() -> int:
    """Daily (beat): remind the contact point of reviews waiting too long."""
    sent = 0
    for screening, days in reviews.claim_overdue_reminders():
        try:
            sent += notifications.send_reminder(screening, days)
        except Exception:  # one bad row must not stop the other reminders
            logger.exception("Review reminder for screening %s failed", screening.pk)
            reviews.release_reminder(screening, days)  # tried again tomorrow
    return sent


@shared_task(acks_late=True)
def send_follow_up_reminders() -> int:
    """Daily (beat): remind owners of conditions that fall due soon, once each."""
    sent = 0
    for follow_up in reviews.claim_due_reminders():
        try:
            sent += notifications.send_follow_up_reminder(follow_up)
        except Exception:  # one bad row must not stop the other reminders
            logger.exception("Follow-up reminder %s failed", follow_up.pk)
            reviews.release_follow_up_reminder(follow_up)  # tried again tomorrow
    return sent


# Re-scoring after the facts changed (screening.services.rescoring).


@shared_task(acks_late=True)
def rescore_affected(partner_ids: list[int], countries: list[str], cause: dict) -> int:
    """Score again the screenings of these partners and countries. Idempotent:
    a second run finds the results stored and changes (and sends) nothing."""
    done = rescoring.rescore_affected(
        partner_ids=partner_ids, countries=countries, cause=cause
    )
    return done.changed


@shared_task
def rescore_assets(asset_ids: list[int], cause: dict) -> int:
    """Score again the screenings that pick these value-register assets.
    Idempotent: a second run finds the results stored and changes nothing."""
    from screening.services import rescoring

    return rescoring.rescore_assets(asset_ids=asset_ids, cause=cause).changed
