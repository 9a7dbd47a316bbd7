"""Publishing and unpublishing a case (the contact point's actions)."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone

from caselibrary.models import Case
from screening.models import Screening


class NotDecided(ValueError):
    """Only approved, conditionally approved or rejected screenings publish."""


@transaction.atomic
def publish_case(*, screening: Screening, data: dict[str, Any], by: Any) -> Case:
    """Create or update the screening's case and (re)publish it."""
    screening = Screening.objects.select_for_update().get(pk=screening.pk)
    if screening.status not in Case.DECIDED:
        raise NotDecided(screening.status)
    case = Case.objects.filter(screening=screening).first() or Case(screening=screening)
    for field in (
        "title",
        "planned",
        "mattered",
        "decided",
        "theme",
        "research_area",
        "country",
        "show_partner",
    ):
        setattr(case, field, data[field])
    case.decision = screening.status
    case.overall_level = screening.overall_level or ""
    case.partner = screening.partner
    case.published_by = by
    case.published_at = timezone.now()
    case.unpublished_at = None
    case.save()
    return case


@transaction.atomic
def unpublish_case(*, case: Case, by: Any) -> Case:
    """Take a case out of the library; idempotent. History keeps who did it."""
    if not case.is_published:
        return case
    case.unpublished_at = timezone.now()
    case._change_reason = "unpublished"  # type: ignore[attr-defined]
    case.save(update_fields=["unpublished_at"])
    return case
