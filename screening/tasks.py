"""Background work of the screening app: rendering PDF reports."""

from __future__ import annotations

import logging
import time

from celery import shared_task
from celery.exceptions import SoftTimeLimitExceeded
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db.models import F
from django.utils import timezone, translation
from django.utils.translation import gettext, gettext_noop

logger = logging.getLogger(__name__)

TIMED_OUT = gettext_noop("The report took too long to render.")
RENDER_FAILED = gettext_noop("The report could not be rendered: %(error)s")


@shared_task(soft_time_limit=120, time_limit=150, acks_late=True)
def render_report(report_id: int) -> None:
    """Render one report to PDF. Safe to run twice: redelivery is a no-op or a redo."""
    from screening.models import Report
    from screening.reports import build

    report = Report.objects.filter(pk=report_id).first()
    if report is None or report.status in (Report.Status.READY, Report.Status.FAILED):
        return  # done already, or failed and waiting for the user's retry
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
    except SoftTimeLimitExceeded:
        _fail(report, TIMED_OUT)
        return
    except Exception as exc:  # any renderer error is news for the user
        logger.exception("Report %s failed", report.pk)
        _fail(report, RENDER_FAILED, str(exc)[:300] or type(exc).__name__)
        return
    name = f"reports/{report.kind}-{report.pk}-{report.data_fingerprint[:12]}.pdf"
    if default_storage.exists(name):
        default_storage.delete(name)  # deterministic name: a re-run overwrites
    stored = default_storage.save(name, ContentFile(pdf.content))
    Report.objects.filter(
        pk=report.pk,
        status=Report.Status.RENDERING,
        data_fingerprint=report.data_fingerprint,
    ).update(
        status=Report.Status.READY,
        file_name=stored,
        pages=pdf.pages,
        size=len(pdf.content),
        duration=round(time.monotonic() - clock, 3),
        finished_at=timezone.now(),
        error="",
    )


def _fail(report, message: str, error: str = "") -> None:
    from screening.models import Report

    with translation.override(report.language):
        message = gettext(message) % {"error": error} if error else gettext(message)
    Report.objects.filter(pk=report.pk, status=Report.Status.RENDERING).update(
        status=Report.Status.FAILED, error=message, finished_at=timezone.now()
    )


# Review e-mails (owned by the review area). Each claims its row first with a
# conditional UPDATE, so a redelivered task sends nothing twice.


@shared_task(acks_late=True)
def notify_submitted(transition_id: int) -> None:
    from screening import notifications
    from screening.models import Transition

    if Transition.objects.filter(pk=transition_id, notified_at=None).update(
        notified_at=timezone.now()
    ):
        notifications.send_submitted(Transition.objects.get(pk=transition_id))


@shared_task(acks_late=True)
def notify_routed(route_task_id: int) -> None:
    from screening import notifications
    from screening.models import RouteTask

    if RouteTask.objects.filter(pk=route_task_id, notified_at=None).update(
        notified_at=timezone.now()
    ):
        notifications.send_routed(RouteTask.objects.get(pk=route_task_id))


@shared_task(acks_late=True)
def notify_decision(transition_id: int) -> None:
    from screening import notifications
    from screening.models import Transition

    if Transition.objects.filter(pk=transition_id, notified_at=None).update(
        notified_at=timezone.now()
    ):
        notifications.send_decision(Transition.objects.get(pk=transition_id))


@shared_task(acks_late=True)
def send_review_reminders() -> int:
    """Daily (beat): remind the contact point of reviews waiting too long."""
    from screening import notifications
    from screening.services import reviews

    sent = 0
    for screening, days in reviews.claim_overdue_reminders():
        sent += notifications.send_reminder(screening, days)
    return sent


@shared_task(acks_late=True)
def send_follow_up_reminders() -> int:
    """Daily (beat): remind owners of conditions that fall due soon, once each."""
    from screening import notifications
    from screening.services import reviews

    sent = 0
    for follow_up in reviews.claim_due_reminders():
        sent += notifications.send_follow_up_reminder(follow_up)
    return sent


# Re-scoring after the facts changed (owned by partner screening, issue 12).


@shared_task(acks_late=True)
def rescore_affected(partner_ids: list[int], countries: list[str], cause: dict) -> int:
    """Score again the screenings of these partners and countries. Idempotent:
    a second run finds the results stored and changes (and sends) nothing."""
    from screening.services import rescoring

    done = rescoring.rescore_affected(
        partner_ids=partner_ids, countries=countries, cause=cause
    )
    return done.changed
