"""E-mails about reports of pressure and incidents, delivered at least once:
a row is marked notified only after every recipient's message was handed to
the mail server; what failed is tried again for those recipients after
growing delays (as the review e-mails), then logged as an error."""

from __future__ import annotations

import logging

from celery import shared_task
from django.utils import timezone

logger = logging.getLogger(__name__)

RETRY_DELAYS = (60, 120, 300, 600, 900, 1200, 1200)


@shared_task(bind=True, acks_late=True, max_retries=len(RETRY_DELAYS))
def notify_new_report(self, report_id: int, only: list[str] | None = None) -> None:
    from incidents import notifications
    from incidents.models import IncidentReport

    rows = IncidentReport.objects.filter(pk=report_id, notified_at=None)
    report = rows.first()
    if report is not None:
        _deliver(self, rows, report, notifications.send_new_report, only)


@shared_task(bind=True, acks_late=True, max_retries=len(RETRY_DELAYS))
def notify_reply(self, message_id: int, only: list[str] | None = None) -> None:
    from incidents import notifications
    from incidents.models import IncidentMessage

    rows = IncidentMessage.objects.filter(pk=message_id, notified_at=None)
    message = rows.select_related("report__reporter").first()
    if message is not None:
        _deliver(self, rows, message, notifications.send_reply, only)


@shared_task(bind=True, acks_late=True, max_retries=len(RETRY_DELAYS))
def notify_routed(self, report_id: int, only: list[str] | None = None) -> None:
    from incidents import notifications
    from incidents.models import IncidentReport

    rows = IncidentReport.objects.filter(
        pk=report_id, routed_at__isnull=False, routed_notified_at=None
    )
    report = rows.first()
    if report is not None:
        _deliver(
            self, rows, report, notifications.send_routed, only, "routed_notified_at"
        )


def _deliver(task, rows, row, send, only, field: str = "notified_at") -> None:
    """Send; mark the row notified on success, else retry the ones missed."""
    from agreements.mail import Undelivered

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
            "E-mail about %s %s not delivered to %d recipient(s) after %d attempts",
            type(row).__name__,
            row.pk,
            len(failure.recipients),
            attempt + 1,
        )
        return
    rows.update(**{field: timezone.now()})
