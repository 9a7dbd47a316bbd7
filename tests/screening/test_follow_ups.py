"""Conditions of approval become follow-ups: listed for the researcher,
reminded of once before they fall due, and marked done with a note."""

from __future__ import annotations

import datetime

import pytest
from django.core import mail
from django.utils import timezone

from screening import tasks
from screening.models import FollowUp
from tests import factories
from tests.screening.review_support import submitted

pytestmark = pytest.mark.django_db
CONDITIONS = "- Report the publications yearly.\n\n- Keep the raw data in Norway."


def approve_with_conditions(client, screening, due: datetime.date):
    return client.post(
        f"/screenings/{screening.pk}/review/decide/",
        {
            "decision": "approve_with_conditions",
            "text": CONDITIONS,
            "due": due.isoformat(),
        },
    )


def test_each_condition_becomes_a_follow_up_on_the_researchers_list(
    client_for, contact_point, django_capture_on_commit_callbacks
):
    screening = submitted(title="Sensorer Lund")
    due = timezone.localdate() + datetime.timedelta(days=30)
    with django_capture_on_commit_callbacks(execute=True):
        approve_with_conditions(client_for(contact_point), screening, due)
    decision_mail = mail.outbox[-1]
    assert "Hvert vilkår er en oppfølging med frist" in decision_mail.body
    assert due.strftime("%d.%m.%Y") in decision_mail.body  # the short date format
    follow_ups = list(screening.follow_ups.order_by("pk"))
    assert [f.text for f in follow_ups] == [
        "Report the publications yearly.",
        "Keep the raw data in Norway.",
    ]
    assert {(f.owner, f.due_date) for f in follow_ups} == {(screening.owner, due)}
    page = client_for(screening.owner).get("/screenings/").content.decode()
    assert "Vilkår som skal følges opp" in page
    assert "Keep the raw data in Norway." in page
    assert "Sensorer Lund" in page
    other = client_for(factories.researcher()).get("/screenings/").content.decode()
    assert "Keep the raw data in Norway." not in other


def test_a_due_date_in_the_past_is_a_form_error(client_for, contact_point):
    screening = submitted()
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    response = approve_with_conditions(client_for(contact_point), screening, yesterday)
    assert response.status_code == 400
    assert "Velg en dato fra og med i dag." in response.content.decode()
    assert not FollowUp.objects.exists()


def test_follow_ups_are_reminded_of_once_before_they_fall_due(
    client_for, contact_point, settings
):
    settings.FOLLOW_UP_REMINDER_DAYS = 7
    soon = submitted(title="Soon due")
    later = submitted(title="Later due")
    client = client_for(contact_point)
    today = timezone.localdate()
    approve_with_conditions(client, soon, today + datetime.timedelta(days=5))
    approve_with_conditions(client, later, today + datetime.timedelta(days=40))
    mail.outbox.clear()
    assert tasks.send_follow_up_reminders() == 2  # two conditions, one screening
    assert {m.to[0] for m in mail.outbox} == {soon.owner.email}
    assert all("Soon due" in m.subject for m in mail.outbox)
    assert tasks.send_follow_up_reminders() == 0  # once, however often beat runs
    assert len(mail.outbox) == 2
    assert "follow-up-reminders" in settings.CELERY_BEAT_SCHEDULE


def test_a_reminder_the_mail_server_refuses_is_sent_on_the_next_run(
    client_for, contact_point, settings, monkeypatch
):
    settings.FOLLOW_UP_REMINDER_DAYS = 7
    soon = submitted(title="Soon due")
    client = client_for(contact_point)
    approve_with_conditions(
        client, soon, timezone.localdate() + datetime.timedelta(days=5)
    )
    mail.outbox.clear()

    def refuse(*args, **kwargs):
        raise ConnectionRefusedError("mail server down")

    with monkeypatch.context() as m:
        m.setattr("django.core.mail.EmailMessage.send", refuse)
        assert tasks.send_follow_up_reminders() == 0  # no exception stops the run
    assert mail.outbox == []
    assert tasks.send_follow_up_reminders() == 2  # the next daily run sends both
    assert len(mail.outbox) == 2


def test_the_owner_marks_a_follow_up_done_with_a_note(client_for, contact_point):
    screening = submitted()
    due = timezone.localdate() + datetime.timedelta(days=30)
    approve_with_conditions(client_for(contact_point), screening, due)
    follow_up = screening.follow_ups.first()
    stranger = client_for(factories.researcher())
    url = f"/follow-ups/{follow_up.pk}/done/"
    assert stranger.post(url, {f"f{follow_up.pk}-note": "x"}).status_code == 403
    owner = client_for(screening.owner)
    owner.post(url, {f"f{follow_up.pk}-note": ""})
    follow_up.refresh_from_db()
    assert not follow_up.is_done
    owner.post(
        url, {f"f{follow_up.pk}-note": "Sent the list on 1 March.", "next": "abc"}
    )
    follow_up.refresh_from_db()
    assert follow_up.is_done
    assert (follow_up.done_by, follow_up.done_note) == (
        screening.owner,
        "Sent the list on 1 March.",
    )
    page = owner.get(f"/screenings/{screening.pk}/").content.decode()
    assert "Sent the list on 1 March." in page
    review = client_for(contact_point).get(f"/screenings/{screening.pk}/review/")
    assert "Sent the list on 1 March." in review.content.decode()
