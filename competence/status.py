"""Whether given people are current on the courses required in screenings.

Two queries whatever the number of people or courses: the required
courses, and the latest completion per person and course (the caller passes
the people already loaded). Screening pages call `people_status`; this module
knows nothing about screenings.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db.models import Max
from django.utils import timezone

from competence import currency
from competence.models import Completion, Course


@dataclass(frozen=True)
class CourseState:
    course: Course
    state: str  # currency.CURRENT / EXPIRED / MISSING
    completed_on: date | None


@dataclass(frozen=True)
class PersonStatus:
    person: Any
    role: str
    courses: list[CourseState]

    @property
    def all_current(self) -> bool:
        return all(c.state == currency.CURRENT for c in self.courses)


def required_courses() -> list[Course]:
    return list(Course.objects.filter(required_in_screenings=True))


def latest_completions(user_ids: Sequence[int], course_ids: Sequence[int]) -> dict:
    """{(user_id, course_id): latest completion date} in one query."""
    rows = (
        Completion.objects.filter(user_id__in=user_ids, course_id__in=course_ids)
        .values("user_id", "course_id")
        .annotate(latest=Max("completed_on"))
    )
    return {(r["user_id"], r["course_id"]): r["latest"] for r in rows}


def people_status(
    people: Sequence[tuple[Any, str]], today: date | None = None
) -> list[PersonStatus]:
    """Each (person, role label) with their state on every required course."""
    today = today or timezone.localdate()
    courses = required_courses()
    if not courses or not people:
        return []
    latest = latest_completions([p.pk for p, _ in people], [c.pk for c in courses])
    return [
        PersonStatus(
            person=person,
            role=role,
            courses=[
                CourseState(
                    course=course,
                    state=currency.state(
                        latest.get((person.pk, course.pk)), course.renew_months, today
                    ),
                    completed_on=latest.get((person.pk, course.pk)),
                )
                for course in courses
            ],
        )
        for person, role in people
    ]
