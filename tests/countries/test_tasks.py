from __future__ import annotations

import pytest
from django.core import mail

from countries import tasks
from tests.factories import AssessmentFactory

pytestmark = pytest.mark.django_db


def test_the_notification_goes_to_the_contact_point_mailbox_once(settings):
    settings.CONTACT_POINT_EMAIL = "kontaktpunkt@example.no"
    assessment = AssessmentFactory(country__name_nb="Kina", level="very_high")
    tasks.notify_assessment_recorded(assessment.pk)
    tasks.notify_assessment_recorded(assessment.pk)  # redelivered
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["kontaktpunkt@example.no"]
    assert "Kina" in mail.outbox[0].subject
    assert "Svært høy" in mail.outbox[0].body
    assessment.refresh_from_db()
    assert assessment.notified_at is not None


def test_a_deleted_assessment_is_skipped():
    tasks.notify_assessment_recorded(999_999)
    assert mail.outbox == []
