from __future__ import annotations

from celery import shared_task

from agreements import services


@shared_task
def send_agreement_reminders() -> int:
    """Daily (Celery beat): reminders before agreements end. Safe to run twice."""
    return services.send_due_reminders()
