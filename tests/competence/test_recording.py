"""Recording completions: one's own, a group's, and keeping the course list."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.utils import timezone

from competence.models import Completion, Course
from tests import factories as f
from tests.competence.support import course, took

pytestmark = pytest.mark.django_db


def test_a_researcher_records_their_own_completion_and_sees_it_current(client_for):
    user = f.researcher()
    c = course(title="Eksportkontroll")
    client = client_for(user)
    day = timezone.localdate() - timedelta(days=3)
    response = client.post(
        "/competence/record/", {"course": c.pk, "completed_on": day.isoformat()}
    )
    assert response.status_code == 302
    done = Completion.objects.get()
    assert (done.user, done.course, done.completed_on, done.recorded_by) == (
        user,
        c,
        day,
        user,
    )
    page = client.get("/competence/").content.decode()
    assert "Gjeldende" in page  # nb: current


def test_a_future_date_shows_the_error_and_records_nothing(client_for):
    c = course()
    tomorrow = timezone.localdate() + timedelta(days=1)
    response = client_for(f.researcher()).post(
        "/competence/record/", {"course": c.pk, "completed_on": tomorrow.isoformat()}
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert 'id="error_1_id_completed_on"' in body
    assert "fram i tid" in body
    assert Completion.objects.count() == 0


def test_the_course_list_shows_expired_and_missing(client_for):
    user = f.researcher()
    old = course(title="Gammelt kurs", renew_months=12)
    course(title="Aldri tatt")
    took(user, old, timezone.localdate() - timedelta(days=800))
    body = client_for(user).get("/competence/").content.decode()
    assert "Utløpt" in body  # expired
    assert "Mangler" in body  # missing


def test_the_contact_point_records_a_unit_and_a_person_at_once(client_for):
    c = course()
    unit = f.UnitFactory()
    members = [f.researcher(unit=unit) for _ in range(3)]
    guest = f.researcher()
    day = date(2025, 5, 20)
    took(members[0], c, day)  # already recorded: not doubled
    response = client_for(f.contact_point()).post(
        "/competence/record-group/",
        {
            "course": c.pk,
            "completed_on": day.isoformat(),
            "unit": unit.pk,
            "users": [guest.pk],
        },
        follow=True,
    )
    assert response.redirect_chain[-1][0] == "/competence/coverage/"
    assert "Registrert for 3 av 4 personer." in response.content.decode()
    assert set(Completion.objects.values_list("user_id", flat=True)) == {
        *(m.pk for m in members),
        guest.pk,
    }
    assert Completion.objects.count() == 4


def test_a_leader_adds_and_edits_a_course_with_history(client_for):
    client = client_for(f.leader())
    response = client.post(
        "/competence/courses/new/",
        {
            "title": "Digital sikkerhet",
            "url": "https://example.no/kurs",
            "description": "To timer",
            "renew_months": "24",
            "required_in_screenings": "on",
        },
    )
    assert response.status_code == 302
    c = Course.objects.get()
    assert (c.renew_months, c.required_in_screenings) == (24, True)
    client.post(
        f"/competence/courses/{c.pk}/edit/",
        {"title": "Digital sikkerhet", "url": "", "renew_months": ""},
    )
    c.refresh_from_db()
    assert c.renew_months is None
    assert not c.required_in_screenings
    assert c.history.count() == 2
    page = client.get(f"/competence/courses/{c.pk}/edit/").content.decode()
    assert "Endringer" in page  # the change list


def test_a_bad_link_is_an_error_next_to_the_field(client_for):
    response = client_for(f.contact_point()).post(
        "/competence/courses/new/", {"title": "Kurs", "url": "not a link"}
    )
    assert response.status_code == 400
    assert "id_url" in response.content.decode()
    assert Course.objects.count() == 0
