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


def test_one_failing_reminder_does_not_stop_the_others(monkeypatch, caplog):
    from smtplib import SMTPRecipientsRefused

    from agreements import services

    real = services.send_mail

    def send(subject, *args, **kwargs):
        if "Broken" in subject:
            raise SMTPRecipientsRefused({})
        return real(subject, *args, **kwargs)

    monkeypatch.setattr(services, "send_mail", send)
    broken = ending_in(10, title="Broken")
    for n in range(3):
        ending_in(20 + n, title=f"Fine {n}")
    assert services.send_due_reminders() == 3
    assert len(mail.outbox) == 3
    assert f"agreement {broken.pk} failed" in caplog.text
    # Not marked as sent: the next daily run tries it again.
    assert not broken.reminders.exists()
    monkeypatch.setattr(services, "send_mail", real)
    assert services.send_due_reminders() == 1


def test_a_title_with_line_breaks_from_old_data_still_gets_its_reminder(settings):
    """A line break in a subject made Django refuse the message (BadHeaderError)
    and stopped every reminder after it; the subject is now one line."""
    settings.LANGUAGE_CODE = "en"
    settings.CONTACT_POINT_EMAIL = "kontaktpunkt@uni.no"
    agreement = ending_in(30)
    ending_in(31, title="Second")
    Agreement.objects.filter(pk=agreement.pk).update(
        title='Tom & "Jerry"\r\nBcc: victim@example.com'
    )
    tasks.send_agreement_reminders.delay()
    subjects = sorted(m.subject for m in mail.outbox)
    assert subjects == [
        "Agreement “Second” ends in 31 days",
        'Agreement “Tom & "Jerry" Bcc: victim@example.com” ends in 30 days',
    ]
    assert all(m.bcc == [] for m in mail.outbox)
