from __future__ import annotations

from celery import shared_task

from agreements import named_lists, services


@shared_task
def send_agreement_reminders() -> int:
    """Daily (Celery beat): reminders before agreements end. Safe to run twice."""
    return services.send_due_reminders()


@shared_task
def rescreen_partners() -> int:
    """Screen every partner against the current lists, after a list entry got
    or lost an alias. Safe to run twice: screening keeps every decision."""
    return named_lists.rescreen_partners()
