"""A broker outage never turns a saved action into a 500 or a lost e-mail."""

from __future__ import annotations

import pytest
from kombu.exceptions import OperationalError

from countries import tasks as country_tasks
from countries.models import Country
from screening import tasks as screening_tasks
from tests import factories
from tests.screening import review_support

pytestmark = pytest.mark.django_db


def _broker_down(*args, **kwargs):
    raise OperationalError(
        "Error 111 connecting to 127.0.0.1:6379. Connection refused."
    )


def test_an_assessment_recorded_while_the_broker_is_down_still_notifies(
    client_for, monkeypatch, mailoutbox, django_capture_on_commit_callbacks, settings
):
    settings.CONTACT_POINT_EMAIL = "kontaktpunkt@example.no"
    monkeypatch.setattr(country_tasks.notify_assessment_recorded, "delay", _broker_down)
    Country.objects.create(
        iso2="XX", iso3="XXX", name_nb="Testland", name_en="Testland"
    )
    client = client_for(factories.contact_point())
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/countries/XX/",
            {"level": "medium", "rationale": "Checked against the latest assessments."},
        )
    assert response.status_code == 302
    assert Country.objects.get(pk="XX").assessments.count() == 1
    assert [m.to for m in mailoutbox] == [["kontaktpunkt@example.no"]]


def test_a_screening_submitted_while_the_broker_is_down_is_kept_and_announced(
    client_for, monkeypatch, mailoutbox, django_capture_on_commit_callbacks, settings
):
    settings.CONTACT_POINT_EMAIL = "kontaktpunkt@example.no"
    monkeypatch.setattr(screening_tasks.notify_submitted, "delay", _broker_down)
    screening = review_support.draft()
    client = client_for(screening.owner)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/screenings/{screening.pk}/summary/", {"go": "submit"})
    assert response.status_code == 302
    screening.refresh_from_db()
    assert screening.status == "submitted"
    assert any("kontaktpunkt@example.no" in m.to for m in mailoutbox)
