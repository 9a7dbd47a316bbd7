"""Reminder e-mails 90, 30 and 7 days before an agreement ends."""

from __future__ import annotations

import datetime

import pytest
from django.core import mail
from django.utils import timezone

from agreements import tasks
from agreements.models import Agreement
from tests import factories as f

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()


def ending_in(days: int, **kwargs) -> Agreement:
    return f.AgreementFactory(
        end_date=TODAY + datetime.timedelta(days=days),
        start_date=TODAY - datetime.timedelta(days=400),
        **kwargs,
    )


def test_reminder_run_twice_sends_each_email_once(settings):
    settings.CONTACT_POINT_EMAIL = "kontaktpunkt@uni.no"
    person = f.researcher(email="frida@uni.no", language="en")
    ending_in(30, title="Optics", responsible_person=person)
    tasks.send_agreement_reminders.delay()
    tasks.send_agreement_reminders.delay()
    assert sorted(m.to[0] for m in mail.outbox) == [
        "frida@uni.no",
        "kontaktpunkt@uni.no",
    ]
    english = next(m for m in mail.outbox if m.to == ["frida@uni.no"])
    norwegian = next(m for m in mail.outbox if m.to == ["kontaktpunkt@uni.no"])
    assert english.subject == "Agreement “Optics” ends in 30 days"
    assert "utløper" in norwegian.subject
    assert "/agreements/" in english.body


def test_each_threshold_is_sent_once_as_the_end_approaches():
    agreement = ending_in(100)
    sent = []
    for day in range(0, 100):
        today = TODAY + datetime.timedelta(days=day)
        from agreements import services

        if services.send_due_reminders(today=today):
            sent.append((agreement.end_date - today).days)
    assert sent == [90, 30, 7]


def test_no_reminders_for_drafts_or_far_away_ends():
    ending_in(20, status=Agreement.Status.DRAFT)
    ending_in(200)
    tasks.send_agreement_reminders.delay()
    assert mail.outbox == []


def test_a_new_end_date_gets_new_reminders():
    agreement = ending_in(25)
    tasks.send_agreement_reminders.delay()
    agreement.end_date = TODAY + datetime.timedelta(days=60)
    agreement.save()
    tasks.send_agreement_reminders.delay()
    assert len(mail.outbox) == 2
