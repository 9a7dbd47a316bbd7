"""Background work of the value register: the yearly review reminders."""

from __future__ import annotations

from smtplib import SMTPException

from celery import shared_task

from valueregister import services


@shared_task
def send_review_reminders() -> int:
    """Daily (Celery beat): queue a reminder for each asset overdue for review."""
    return services.send_review_reminders()


@shared_task(
    autoretry_for=(OSError, SMTPException),
    retry_backoff=True,
    max_retries=3,
)
def remind_review(asset_id: int) -> int:
    """One asset's reminder; sent once per review date, so safe to run twice."""
    return services.remind_review(asset_id)
