"""The named actions of the incident channel: numbers, status, replies,
routing, e-mails, and tying a case to a partner (the partner flag)."""

from __future__ import annotations

import datetime
import threading

import pytest
from django.core import mail
from django.db import connection
from django.utils import timezone

from incidents import services
from incidents.models import CaseCounter, IncidentReport
from screening.models import Screening
from tests import factories as f
from tests.incidents.support import report as make_report
from tests.services import need_postgres

pytestmark = pytest.mark.django_db
Status = IncidentReport.Status


def test_case_numbers_run_per_year_and_start_again_each_year(monkeypatch):
    first, second = make_report(), make_report()
    year = timezone.localdate().year
    assert (first.case_number, second.case_number) == (
        f"V-{year}-0001",
        f"V-{year}-0002",
    )
    monkeypatch.setattr(timezone, "localdate", lambda *a: datetime.date(year + 1, 1, 1))
    assert make_report().case_number == f"V-{year + 1}-0001"


def test_a_new_report_tells_the_contact_point_without_names_or_details(
    django_capture_on_commit_callbacks, settings
):
    settings.CONTACT_POINT_EMAIL = ""
    f.contact_point(email="kp@example.no")
    reporter = f.researcher(first_name="Astrid", last_name="Varsler")
    with django_capture_on_commit_callbacks(execute=True):
        report = make_report(reporter, what_happened="Secret lab keys were asked for.")
    assert [m.to for m in mail.outbox] == [["kp@example.no"]]
    body = mail.outbox[0].body
    assert report.case_number in mail.outbox[0].subject
    assert f"/incidents/{report.pk}/" in body
    assert "Varsler" not in body
    assert "lab keys" not in body
    report.refresh_from_db()
    assert report.notified_at is not None


def test_the_partner_gives_the_country_when_none_is_chosen():
    partner = f.PartnerFactory()
    assert make_report(partner=partner).country == partner.country


def test_replies_go_to_the_other_side_and_the_first_answer_starts_the_case(
    django_capture_on_commit_callbacks, settings
):
    settings.CONTACT_POINT_EMAIL = "kontaktpunkt@example.no"
    contact = f.contact_point(email="kp@example.no")
    reporter = f.researcher(email="me@example.no", language="en")
    report = make_report(reporter)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.post_reply(report=report, by=contact, text="  Let us talk.  ")
    assert [m.to for m in mail.outbox] == [["me@example.no"]]
    assert "answered your report" in mail.outbox[0].body
    assert "Let us talk" not in mail.outbox[0].body
    report.refresh_from_db()
    assert report.status == Status.IN_PROGRESS
    assert report.messages.get().text == "Let us talk."

    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.post_reply(report=report, by=reporter, text="Thanks")
    assert sorted(m.to[0] for m in mail.outbox) == [
        "kontaktpunkt@example.no",
        "kp@example.no",
    ]
    assert all(m.body.count(report.case_number) for m in mail.outbox)


def test_a_reply_e_mail_is_sent_once_even_if_the_task_runs_twice(
    django_capture_on_commit_callbacks,
):
    from incidents import tasks

    reporter = f.researcher()
    report = make_report(reporter)
    with django_capture_on_commit_callbacks(execute=True):
        message = services.post_reply(report=report, by=f.contact_point(), text="Hi")
    mail.outbox.clear()
    tasks.notify_reply(message.pk)
    assert mail.outbox == []


def test_status_changes_are_kept_in_the_history():
    contact = f.contact_point()
    report = make_report()
    services.change_status(report=report, status=Status.CLOSED, by=contact)
    services.change_status(report=report, status=Status.CLOSED, by=contact)
    records = report.history.order_by("history_date")
    assert [r.status for r in records] == ["received", "closed"]
    assert records.last().history_user == contact


def test_routing_shows_the_case_to_export_control_once(
    django_capture_on_commit_callbacks,
):
    officer = f.export_officer(email="ek@example.no")
    contact = f.contact_point()
    report = make_report(anonymous=True)
    assert not IncidentReport.objects.visible_to(officer).exists()
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.route_to_export_control(report=report, by=contact)
        services.route_to_export_control(report=report, by=contact)
    assert [m.to for m in mail.outbox] == [["ek@example.no"]]
    assert list(IncidentReport.objects.visible_to(officer)) == [report]
    assert report.reporter_name_for(officer) is None
    assert report.reporter_name_for(contact) == str(report.reporter)


def test_leadership_sees_only_its_own_reports():
    leader = f.leader()
    make_report()
    own = make_report(leader)
    assert list(IncidentReport.objects.visible_to(leader)) == [own]


def test_tying_a_case_to_a_partner_flags_it_and_rescores_its_screenings(
    django_capture_on_commit_callbacks,
):
    partner = f.PartnerFactory(name="Harbour University")
    screening = f.ScreeningFactory(partner=partner)
    assert not any(c["rule"] == "PTN-INCIDENT" for c in screening.result["ledger"])
    contact = f.contact_point()
    reporter = f.researcher(last_name="Hemmelig")
    report = make_report(reporter, anonymous=True)
    with django_capture_on_commit_callbacks(execute=True):
        incident = services.tie_to_partner(
            report=report,
            partner=partner,
            occurred_on=datetime.date(2026, 11, 2),
            description="Pressure to share lab data.",
            by=contact,
        )
    partner.refresh_from_db()
    assert {fl.flag: fl.value for fl in partner.facts().flags} == {"incident": "yes"}
    assert incident.recorded_by == contact
    report.refresh_from_db()
    assert (report.partner, report.partner_incident) == (partner, incident)
    screening = Screening.objects.get(pk=screening.pk)
    line = next(c for c in screening.result["ledger"] if c["rule"] == "PTN-INCIDENT")
    assert "Pressure to share lab data." in line["explanation"]["en"]
    assert "Hemmelig" not in str(screening.result)
    again = services.tie_to_partner(
        report=report,
        partner=partner,
        occurred_on=datetime.date(2026, 11, 2),
        description="Twice",
        by=contact,
    )
    assert again == incident
    assert partner.incidents.count() == 1


@pytest.mark.django_db(transaction=True)
def test_reports_sent_at_the_same_moment_get_different_numbers():
    need_postgres()  # SQLite takes one writer at a time anyway
    reporters = [f.researcher() for _ in range(6)]
    start = threading.Barrier(len(reporters))
    errors: list[BaseException] = []

    def send(user):
        try:
            start.wait()
            make_report(user)
        except BaseException as exc:  # reported below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=send, args=(u,)) for u in reporters]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    numbers = sorted(IncidentReport.objects.values_list("number", flat=True))
    assert numbers == [1, 2, 3, 4, 5, 6]
    assert CaseCounter.objects.get().last == 6


def test_the_reporter_writing_on_a_closed_case_opens_it_again():
    reporter = f.researcher()
    report = make_report(reporter)
    services.change_status(report=report, status=Status.CLOSED, by=f.contact_point())
    services.post_reply(report=report, by=reporter, text="It happened again.")
    report.refresh_from_db()
    assert report.status == Status.IN_PROGRESS


def test_a_reply_the_mail_server_refuses_stays_unsent_and_is_logged(
    django_capture_on_commit_callbacks, monkeypatch, caplog
):
    from django.core.mail import EmailMultiAlternatives

    def refuse(self, *args, **kwargs):
        raise OSError("mail server down")

    reporter = f.researcher(email="me@example.no")
    report = make_report(reporter)
    monkeypatch.setattr(EmailMultiAlternatives, "send", refuse)
    with django_capture_on_commit_callbacks(execute=True):
        message = services.post_reply(report=report, by=f.contact_point(), text="Hi")
    message.refresh_from_db()
    assert message.notified_at is None
    assert "not delivered to 1 recipient(s)" in caplog.text
