"""Reminders about screenings that wait too long for a decision."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.utils import timezone

from screening.models import ReviewReminder, Screening
from screening.services.reviews.transitions import UNDER_REVIEW


def waiting_since() -> datetime.datetime:
    return timezone.now() - datetime.timedelta(days=settings.REVIEW_WAITING_DAYS)


def claim_overdue_reminders() -> list[tuple[Screening, int]]:
    """Screenings waiting longer than REVIEW_WAITING_DAYS and not yet reminded of.

    Claims one `ReviewReminder` per screening, submission and limit, so a
    second run the same day (or a redelivered task) finds nothing.
    """
    days = settings.REVIEW_WAITING_DAYS
    overdue = Screening.objects.filter(
        status__in=UNDER_REVIEW, submitted_at__lte=waiting_since()
    ).select_related("unit", "owner")
    claimed = []
    for screening in overdue:
        _, created = ReviewReminder.objects.get_or_create(
            screening=screening, submitted_at=screening.submitted_at, days=days
        )
        if created:
            claimed.append((screening, days))
    return claimed


def release_reminder(screening: Screening, days: int) -> None:
    """Give back a claim whose e-mail failed, so the next run sends it."""
    ReviewReminder.objects.filter(
        screening=screening, submitted_at=screening.submitted_at, days=days
    ).delete()
