"""Recording forms: the date cannot be in the future; a group needs people."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from competence.forms import CompletionForm, GroupCompletionForm
from tests import factories as f
from tests.competence.support import course

pytestmark = pytest.mark.django_db


def test_a_date_in_the_future_is_refused_next_to_the_date():
    c = course()
    tomorrow = timezone.localdate() + timedelta(days=1)
    form = CompletionForm({"course": c.pk, "completed_on": tomorrow.isoformat()})
    assert not form.is_valid()
    assert list(form.errors) == ["completed_on"]
    assert "fram i tid" in form.errors["completed_on"][0]


def test_today_and_a_norwegian_date_are_accepted():
    c = course()
    today = timezone.localdate()
    assert CompletionForm(
        {"course": c.pk, "completed_on": today.isoformat()}
    ).is_valid()
    form = CompletionForm({"course": c.pk, "completed_on": "01.02.2025"})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["completed_on"].isoformat() == "2025-02-01"


def test_a_group_needs_people_or_a_unit():
    c = course()
    form = GroupCompletionForm(
        {"course": c.pk, "completed_on": timezone.localdate().isoformat()}
    )
    assert not form.is_valid()
    assert "users" in form.errors


def test_a_group_is_the_chosen_people_and_the_unit_counted_once():
    c = course()
    unit = f.UnitFactory()
    a, b = f.researcher(unit=unit), f.researcher(unit=unit)
    outsider = f.researcher()
    f.researcher(unit=unit, is_active=False)
    form = GroupCompletionForm(
        {
            "course": c.pk,
            "completed_on": timezone.localdate().isoformat(),
            "users": [a.pk, outsider.pk],
            "unit": unit.pk,
        }
    )
    assert form.is_valid(), form.errors
    assert {u.pk for u in form.people()} == {a.pk, b.pk, outsider.pk}


def test_a_renewal_period_of_zero_months_is_refused():
    from competence.forms import CourseForm

    form = CourseForm({"title": "Kurs", "renew_months": "0"})
    assert not form.is_valid()
    assert list(form.errors) == ["renew_months"]
    assert CourseForm({"title": "Kurs", "renew_months": ""}).is_valid()
