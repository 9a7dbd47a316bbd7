"""Coverage per unit: the share of a unit's active users who are current on
every course required in screenings.

One query for the required courses and one grouped query over the users,
whatever the number of units or users: each course becomes an EXISTS test
with its own cut-off date (competence.currency.earliest_current), so SQL and
the pure rule draw the line on the same day. Counts direct members of a unit.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.contrib.auth import get_user_model
from django.db.models import Count, Exists, OuterRef, Q
from django.utils import timezone

from competence.models import Completion, Course


@dataclass(frozen=True)
class UnitCoverage:
    unit_id: int | None
    name: str
    users: int
    current: int
    per_course: list[int]

    @property
    def share(self) -> int:
        """Whole per cent, rounded down so 99.6 % never shows as 100 %."""
        return (100 * self.current // self.users) if self.users else 0


@dataclass(frozen=True)
class Coverage:
    courses: list[Course]
    units: list[UnitCoverage]
    total: UnitCoverage | None


def _current_on(course: Course, today: date) -> Exists:
    completions = Completion.objects.filter(
        user_id=OuterRef("pk"), course_id=course.pk, completed_on__lte=today
    )
    since = course.earliest_current(today)
    if since is not None:
        completions = completions.filter(completed_on__gte=since)
    return Exists(completions)


def by_unit(today: date | None = None) -> Coverage:
    today = today or timezone.localdate()
    courses = list(Course.objects.filter(required_in_screenings=True))
    if not courses:
        return Coverage(courses=[], units=[], total=None)
    tests = [_current_on(course, today) for course in courses]
    everything = Q()
    for test in tests:
        everything &= Q(test)
    aggregates = {
        "users": Count("pk"),
        "current": Count("pk", filter=everything),
        **{f"c{i}": Count("pk", filter=Q(test)) for i, test in enumerate(tests)},
    }
    rows = (
        get_user_model()
        .objects.filter(is_active=True)
        .values("unit_id", "unit__name")
        .annotate(**aggregates)
        .order_by("unit__name")
    )
    units = [
        UnitCoverage(
            unit_id=r["unit_id"],
            name=r["unit__name"] or "",
            users=r["users"],
            current=r["current"],
            per_course=[r[f"c{i}"] for i in range(len(courses))],
        )
        for r in rows
    ]
    total = UnitCoverage(
        unit_id=None,
        name="",
        users=sum(u.users for u in units),
        current=sum(u.current for u in units),
        per_course=[sum(u.per_course[i] for u in units) for i in range(len(courses))],
    )
    return Coverage(courses=courses, units=units, total=total)
