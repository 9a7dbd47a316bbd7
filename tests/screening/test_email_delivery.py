"""Review e-mails are delivered at least once (issue 21): marked sent only after
the mail server took them, retried for over an hour, then shown to the
contact point, who can send them again."""

from __future__ import annotations

from smtplib import SMTPServerDisconnected

import pytest
from celery.exceptions import Retry
from django.core import mail
from django.core.mail.backends.locmem import EmailBackend

from screening import tasks
from screening.models import Transition, UndeliveredEmail
from screening.services import rescoring, reviews
from tests import factories
from tests.screening.review_support import submitted

pytestmark = pytest.mark.django_db


class FlakyBackend(EmailBackend):
    """The test outbox, except that the server drops these recipients."""

    refused: set[str] = set()

    def send_messages(self, messages):
        for message in messages:
            if set(message.to) & self.refused:
                raise SMTPServerDisconnected("Connection unexpectedly closed")
        return super().send_messages(messages)


@pytest.fixture
def smtp(settings):
    settings.EMAIL_BACKEND = "tests.screening.test_email_delivery.FlakyBackend"
    FlakyBackend.refused = set()
    yield FlakyBackend.refused
    FlakyBackend.refused = set()


def _decide(screening, contact, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        reviews.request_changes(screening, by=contact, reason="Add detail")
    return Transition.objects.get(action="request_changes")


def test_a_decision_mail_the_server_refused_is_not_marked_sent_and_is_listed(
    smtp, client_for, contact_point, django_capture_on_commit_callbacks
):
    screening = submitted()
    smtp.add(screening.owner.email)
    mail.outbox.clear()
    step = _decide(screening, contact_point, django_capture_on_commit_callbacks)

    step.refresh_from_db()
    assert step.notified_at is None  # never claimed as sent
    failed = UndeliveredEmail.objects.get()
    assert failed.kind == "decision"
    assert failed.recipients == [screening.owner.email]
    page = client_for(contact_point).get("/reviews/").content.decode()
    assert screening.title in page
    assert screening.owner.email in page
    assert "SMTPServerDisconnected" in page

    smtp.clear()  # the mail server is back
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(contact_point).post(f"/reviews/emails/{failed.pk}/send/")
    assert response.status_code == 302
    assert [m.to for m in mail.outbox] == [[screening.owner.email]]
    step.refresh_from_db()
    assert step.notified_at is not None
    assert not UndeliveredEmail.objects.exists()


def test_only_the_refused_recipient_gets_the_mail_again(
    smtp, contact_point, django_capture_on_commit_callbacks
):
    screening = submitted()
    co_author = factories.researcher(email="co@example.no")
    screening.co_authors.add(co_author)
    smtp.add("co@example.no")
    mail.outbox.clear()
    step = _decide(screening, contact_point, django_capture_on_commit_callbacks)
    assert [m.to for m in mail.outbox] == [[screening.owner.email]]  # not held up
    failed = UndeliveredEmail.objects.get()
    assert failed.recipients == ["co@example.no"]

    smtp.clear()
    with django_capture_on_commit_callbacks(execute=True):
        _send_again(failed, contact_point)
    assert [m.to for m in mail.outbox] == [[screening.owner.email], ["co@example.no"]]
    step.refresh_from_db()
    assert step.notified_at is not None


def _send_again(email, by):
    from screening.services import undelivered

    assert undelivered.send_again(email, by=by)


def test_the_worker_retries_with_growing_delays_for_over_an_hour(
    smtp, contact_point, monkeypatch, django_capture_on_commit_callbacks
):
    screening = submitted()
    smtp.add(screening.owner.email)
    with django_capture_on_commit_callbacks(execute=False):  # queued, not sent
        reviews.request_changes(screening, by=contact_point, reason="Add detail")
    step = Transition.objects.get(action="request_changes")
    asked = []

    def retry(**options):
        asked.append(options)
        return Retry()

    task = tasks.notify_decision
    monkeypatch.setattr(task, "retry", retry)
    for attempt in range(len(tasks.RETRY_DELAYS) + 1):
        task.push_request(retries=attempt, is_eager=False)
        try:
            if attempt < len(tasks.RETRY_DELAYS):
                with pytest.raises(Retry):
                    task.run(step.pk)
            else:
                task.run(step.pk)  # the last attempt gives up and lists it
        finally:
            task.pop_request()

    delays = [options["countdown"] for options in asked]
    assert delays == list(tasks.RETRY_DELAYS)
    assert delays == sorted(delays)
    assert sum(delays) >= 3600
    assert all(
        options["args"] == (step.pk, [screening.owner.email]) for options in asked
    )
    step.refresh_from_db()
    assert step.notified_at is None
    assert UndeliveredEmail.objects.get().recipients == [screening.owner.email]


def test_someone_else_cannot_send_again(client_for, researcher):
    screening = submitted()
    email = UndeliveredEmail.objects.create(
        screening=screening,
        kind="decision",
        object_id=1,
        recipients=["a@b.no"],
        error="x",
    )
    assert (
        client_for(researcher).post(f"/reviews/emails/{email.pk}/send/").status_code
        == 403
    )
    assert UndeliveredEmail.objects.exists()


def test_a_level_change_mail_the_server_refused_is_listed_and_the_other_goes(
    smtp, settings, django_capture_on_commit_callbacks
):
    settings.CONTACT_POINT_EMAIL = "kontaktpunkt@example.no"
    country = factories.CountryFactory(iso2="XK")
    screening = submitted(partner=factories.PartnerFactory(country=country))
    smtp.add(screening.owner.email)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        factories.IndicatorFactory(
            country=country, kind="travel_advice", value="against_all"
        )
        rescoring.rescore_affected(countries=["XK"], cause={"kind": "test"})
    assert [m.to for m in mail.outbox] == [["kontaktpunkt@example.no"]]
    failed = UndeliveredEmail.objects.get()
    assert (failed.kind, failed.screening_id) == ("level_changed", screening.pk)
    assert failed.recipients == [screening.owner.email]
