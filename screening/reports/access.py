"""Who may request, see and download which reports."""

from __future__ import annotations

from typing import Any

from django.db.models import Q

from agreements import roles
from screening.models import Report, Screening


def reports_visible_to(user: Any):
    """Reports the user may open and download.

    The requester, the contact point, leadership and superusers; a screening
    report additionally only for users who may see that screening, so losing
    access to a screening also hides its reports (a 404, not a 403).
    """
    if not getattr(user, "is_authenticated", False):
        return Report.objects.none()
    reports = Report.objects.all()
    if not roles.reads_whole_register(user):
        reports = reports.filter(requested_by=user)
    visible = Screening.objects.visible_to(user).values("pk")
    return reports.filter(Q(screening__isnull=True) | Q(screening__in=visible))
