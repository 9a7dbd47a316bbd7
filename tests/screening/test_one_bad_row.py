"""Batch jobs survive one bad row: each item in its own try, logged by id."""

from __future__ import annotations

import datetime
from smtplib import SMTPServerDisconnected

import pytest
from django.utils import timezone

from screening import notifications, tasks
from screening.models import ReviewReminder, Screening
from screening.services.rescoring import rescore_screenings
from tests.factories import CountryFactory, IndicatorFactory, ScreeningFactory
from tests.screening.answers import answers
from tests.screening.review_support import submitted

pytestmark = pytest.mark.django_db


def test_rescoring_skips_a_broken_screening_and_scores_the_rest(caplog):
    country = CountryFactory(iso2="XK")
    good = ScreeningFactory(partner=None, country=country, answers=answers())
    bad = ScreeningFactory(partner=None, country=country, answers=answers())
    Screening.objects.filter(pk=bad.pk).update(questionnaire_version=999)
    before = good.overall_level
    IndicatorFactory(country=country, kind="travel_advice", value="against_all")

    done = rescore_screenings()

    assert done.changed == 1
    good.refresh_from_db()
    assert good.overall_level != before
    assert f"Re-scoring screening {bad.pk} failed" in caplog.text


def test_one_failing_review_reminder_does_not_stop_the_others(
    settings, mailoutbox, monkeypatch, caplog
):
    settings.REVIEW_WAITING_DAYS = 10
    settings.CONTACT_POINT_EMAIL = "kontaktpunkt@example.no"
    first, second = submitted(), submitted()
    Screening.objects.update(submitted_at=timezone.now() - datetime.timedelta(days=11))
    mailoutbox.clear()
    real = notifications.send_reminder

    def send(screening, days):
        if screening.pk == first.pk:
            raise SMTPServerDisconnected("gone")
        return real(screening, days)

    monkeypatch.setattr(notifications, "send_reminder", send)
    assert tasks.send_review_reminders() == 1
    assert [m.subject for m in mailoutbox] == [
        m.subject for m in mailoutbox if second.title in m.subject
    ]
    assert f"Review reminder for screening {first.pk} failed" in caplog.text
    # The failed one is not marked as reminded: tomorrow's run sends it.
    assert not ReviewReminder.objects.filter(screening=first).exists()
    monkeypatch.setattr(notifications, "send_reminder", real)
    assert tasks.send_review_reminders() == 1
    assert first.title in mailoutbox[-1].subject
