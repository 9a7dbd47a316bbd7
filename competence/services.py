"""Recording completions, for oneself or for a group at once."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any

from django.db import transaction

from competence.models import Completion, Course


@transaction.atomic
def record_completion(
    *, course: Course, user: Any, completed_on: date, by: Any
) -> bool:
    """Record that `user` took `course` on `completed_on`; False if already recorded."""
    _, created = Completion.objects.get_or_create(
        course=course,
        user=user,
        completed_on=completed_on,
        defaults={"recorded_by": by},
    )
    return created


@transaction.atomic
def record_for_group(
    *, course: Course, users: Iterable[Any], completed_on: date, by: Any
) -> int:
    """Record one completion date for several people; returns how many were new.

    Recording the same group twice adds nothing (one row per person, course
    and day)."""
    user_ids = {u.pk for u in users}
    known = set(
        Completion.objects.filter(
            course=course, completed_on=completed_on, user_id__in=user_ids
        ).values_list("user_id", flat=True)
    )
    new = [
        Completion(course=course, user_id=pk, completed_on=completed_on, recorded_by=by)
        for pk in sorted(user_ids - known)
    ]
    Completion.objects.bulk_create(new, ignore_conflicts=True)
    return len(new)
