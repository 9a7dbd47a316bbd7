"""Review e-mails: the right people, once, in their language, after commit."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from screening import tasks
from screening.models import Screening, Transition
from screening.services import reviews
from screening.services import screenings as screening_services
from tests import factories
from tests.screening.review_support import draft, submitted

pytestmark = pytest.mark.django_db


def to(mailoutbox):
    return sorted(address for m in mailoutbox for address in m.to)


def test_submission_mails_the_contact_point_after_commit(
    settings, django_capture_on_commit_callbacks, mailoutbox
):
    settings.CONTACT_POINT_EMAIL = "kontaktpunkt@example.no"
    first = factories.contact_point(email="kp1@example.no", language="en")
    factories.contact_point(email="kp2@example.no")
    screening = draft()
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        screening_services.submit_screening(screening, by=screening.owner)
    assert mailoutbox == []
    for callback in callbacks:
        callback()
    assert to(mailoutbox) == [
        "kontaktpunkt@example.no",
        "kp1@example.no",
        "kp2@example.no",
    ]
    english = next(m for m in mailoutbox if m.to == [first.email])
    norwegian = next(m for m in mailoutbox if m.to == ["kp2@example.no"])
    assert english.subject.startswith("Screening submitted for review")
    assert norwegian.subject.startswith("Vurdering sendt til behandling")
    assert screening.title in english.body
    html, mime = english.alternatives[0]
    assert mime == "text/html"
    assert f"/screenings/{screening.pk}/review/" in html


def test_export_route_mails_the_officers_once(
    django_capture_on_commit_callbacks, mailoutbox
):
    officer = factories.export_officer(email="ek@example.no", language="en")
    with django_capture_on_commit_callbacks(execute=True):
        screening = submitted(export=True)
    routed = [m for m in mailoutbox if m.to == [officer.email]]
    assert len(routed) == 1
    assert "export control" in routed[0].subject.lower()
    mailoutbox.clear()
    task = screening.route_tasks.get(route="R-EC")
    tasks.notify_routed(task.pk)  # redelivered task: nothing more
    assert mailoutbox == []


def test_decision_mails_owner_and_co_authors_in_their_language(
    contact_point, django_capture_on_commit_callbacks, mailoutbox
):
    owner = factories.researcher(email="eier@example.no", language="nb")
    co_author = factories.researcher(email="co@example.no", language="en")
    screening = submitted(owner)
    screening.co_authors.add(co_author)
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        reviews.approve_with_conditions(
            screening, by=contact_point, conditions="Report every year"
        )
    assert to(mailoutbox) == ["co@example.no", "eier@example.no"]
    english = next(m for m in mailoutbox if m.to == ["co@example.no"])
    norwegian = next(m for m in mailoutbox if m.to == ["eier@example.no"])
    assert "Approved with conditions" in english.subject
    assert "Godkjent med vilkår" in norwegian.subject
    assert "Report every year" in english.body
    assert "Report every year" in norwegian.body


def test_a_nynorsk_reader_gets_the_decision_in_nynorsk(
    contact_point, django_capture_on_commit_callbacks, mailoutbox
):
    owner = factories.researcher(email="eigar@example.no", language="nn")
    screening = submitted(owner)
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        reviews.approve_with_conditions(
            screening, by=contact_point, conditions="Rapport kvart år"
        )
    (mail,) = mailoutbox
    assert "Godkjend med vilkår" in mail.subject
    assert "har teke ei avgjerd om vurderinga di" in mail.body
    html = mail.alternatives[0][0]
    assert "Ikkje svar på henne" in html
    assert 'lang="nn"' in html


def test_a_refused_decision_sends_nothing(
    contact_point, django_capture_on_commit_callbacks, mailoutbox
):
    screening = submitted(export=True)
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        reviews.approve(screening, by=contact_point)
        reviews.reject(screening, by=contact_point, reason="")
    assert mailoutbox == []


def test_decision_task_run_twice_sends_once(
    contact_point, django_capture_on_commit_callbacks, mailoutbox
):
    screening = submitted()
    with django_capture_on_commit_callbacks(execute=True):
        reviews.request_changes(screening, by=contact_point, reason="Add detail")
    sent = len(mailoutbox)
    step = Transition.objects.get(action="request_changes")
    tasks.notify_decision(step.pk)
    assert sent == 1
    assert len(mailoutbox) == 1


def test_reminder_once_per_screening_and_limit(settings, mailoutbox):
    settings.REVIEW_WAITING_DAYS = 10
    settings.CONTACT_POINT_EMAIL = "kontaktpunkt@example.no"
    old = submitted()
    fresh = submitted()
    Screening.objects.filter(pk=old.pk).update(
        submitted_at=timezone.now() - datetime.timedelta(days=11)
    )
    mailoutbox.clear()
    assert tasks.send_review_reminders() == 1
    assert len(mailoutbox) == 1
    assert old.title in mailoutbox[0].body
    assert fresh.title not in mailoutbox[0].body
    assert tasks.send_review_reminders() == 0
    settings.REVIEW_WAITING_DAYS = 7
    assert tasks.send_review_reminders() == 1  # a new limit is a new reminder
