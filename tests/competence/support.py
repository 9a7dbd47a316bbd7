"""Small builders for competence tests."""

from __future__ import annotations

from datetime import date

from competence.models import Completion, Course


def course(title: str = "Forskningssikkerhet", **kwargs) -> Course:
    fields = {"renew_months": 12, "required_in_screenings": True, **kwargs}
    return Course.objects.create(title=title, **fields)


def took(user, course: Course, day: date) -> Completion:
    return Completion.objects.create(user=user, course=course, completed_on=day)
