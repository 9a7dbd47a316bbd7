"""A real Celery worker runs a real task end to end (PostgreSQL + Redis)."""

from __future__ import annotations

import pytest
from django.conf import settings

from countries import services, tasks
from countries.models import Assessment
from tests.factories import CountryFactory, UserFactory
from tests.worker import celery_worker_process  # noqa: F401  (the fixture)

pytestmark = pytest.mark.services


def test_a_recorded_country_assessment_is_mailed_by_the_worker(
    celery_worker_process,  # noqa: F811
):
    worker = celery_worker_process
    country = CountryFactory(iso2="CN", iso3="CHN", name_nb="Kina", name_en="China")
    kari = UserFactory(first_name="Kari", last_name="Kontakt")
    assessment = services.record_assessment(
        country=country, level="high", rationale="Named in PST 2026.", by=kari
    )
    notified = Assessment.objects.filter(pk=assessment.pk, notified_at__isnull=False)
    worker.wait_for(notified.exists, 30, "the notification")
    mails = sorted(worker.mail_dir.glob("*.log"))
    assert len(mails) == 1
    text = mails[0].read_text(encoding="utf-8")
    assert "Kina" in text
    assert "Kari Kontakt" in text
    assert f"To: {settings.CONTACT_POINT_EMAIL}" in text
    assert "/countries/CN/" in text

    # Delivered again (acks_late redelivery, or a second enqueue): no second mail.
    done = worker.succeeded()
    tasks.notify_assessment_recorded.delay(assessment.pk)
    worker.wait_for(lambda: worker.succeeded() > done, 30, "the second run")
    assert len(list(worker.mail_dir.glob("*.log"))) == 1
