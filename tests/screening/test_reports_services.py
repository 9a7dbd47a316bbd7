"""Requesting, rendering, retrying: idempotent, out-of-date, broker down."""

from __future__ import annotations

import pytest
from kombu.exceptions import OperationalError

from screening import tasks
from screening.models import Report
from screening.reports import build, fingerprints, services
from tests import factories
from tests.screening.reports_support import scored_screening


@pytest.fixture(autouse=True)
def _private_media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def no_worker(monkeypatch):
    """The broker takes the message, but no worker runs it yet."""
    sent = []
    monkeypatch.setattr(tasks.render_report, "delay", sent.append)
    return sent


@pytest.fixture
def broker_down(monkeypatch):
    def refuse(*args, **kwargs):
        raise OperationalError("Error 111 connecting to 127.0.0.1:6379.")

    monkeypatch.setattr(tasks.render_report, "delay", refuse)


def test_asking_twice_while_queued_returns_the_queued_report(
    leader, no_worker, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        first = services.request_report(kind=Report.Kind.SUMMARY, by=leader)
    with django_capture_on_commit_callbacks(execute=True):
        second = services.request_report(kind=Report.Kind.SUMMARY, by=leader)
    assert first.pk == second.pk
    assert no_worker == [first.pk]  # enqueued once
    other = services.request_report(
        kind=Report.Kind.SUMMARY, by=leader, params={"since": "2025-01-01"}
    )
    assert other.pk != first.pk  # another filter is another report


def test_the_task_renders_stores_and_records_the_pdf(
    leader, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        report = services.request_report(kind=Report.Kind.SUMMARY, by=leader)
    report.refresh_from_db()
    assert report.status == Report.Status.READY, report.error
    assert report.file_name == (
        f"reports/summary-{report.pk}-{report.data_fingerprint[:12]}.pdf"
    )
    assert report.pages >= 1
    assert report.size > 10_000
    assert report.duration > 0
    assert report.attempts == 1
    tasks.render_report(report.pk)  # redelivered: nothing happens
    report.refresh_from_db()
    assert report.attempts == 1


def test_a_ready_report_is_out_of_date_when_the_screening_changes(
    leader, django_capture_on_commit_callbacks
):
    screening = scored_screening()
    with django_capture_on_commit_callbacks(execute=True):
        report = services.request_report(
            kind=Report.Kind.SCREENING, by=leader, screening=screening
        )
    report.refresh_from_db()
    assert fingerprints.out_of_date([report]) == set()
    again = services.request_report(
        kind=Report.Kind.SCREENING, by=leader, screening=screening
    )
    assert again.pk == report.pk  # same data: the ready report serves
    screening.title = "Nytt navn"
    screening.save()
    assert fingerprints.out_of_date([report]) == {report.pk}
    with django_capture_on_commit_callbacks(execute=True):
        fresh = services.request_report(
            kind=Report.Kind.SCREENING, by=leader, screening=screening
        )
    assert fresh.pk != report.pk


def test_a_failed_render_is_recorded_and_can_be_retried(
    leader, monkeypatch, django_capture_on_commit_callbacks
):
    def explode(report):
        raise ValueError("font cache is broken")

    monkeypatch.setattr(build, "render", explode)
    with django_capture_on_commit_callbacks(execute=True):
        report = services.request_report(kind=Report.Kind.SUMMARY, by=leader)
    report.refresh_from_db()
    assert report.status == Report.Status.FAILED
    assert "Rapporten kunne ikke lages: font cache is broken" in report.error
    monkeypatch.undo()
    with django_capture_on_commit_callbacks(execute=True):
        services.retry_report(report, by=leader)
    report.refresh_from_db()
    assert report.status == Report.Status.READY
    assert report.attempts == 1  # counted afresh from the user's retry
    assert report.error == ""


def test_broker_down_keeps_the_request_as_failed_with_a_readable_error(
    leader, broker_down, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        report = services.request_report(kind=Report.Kind.SUMMARY, by=leader)
    report.refresh_from_db()
    assert report.status == Report.Status.FAILED
    assert report.error == services.BROKER_DOWN
    assert Report.objects.count() == 1


def test_requests_are_per_requester(db, no_worker):
    one, two = factories.leader(), factories.contact_point()
    first = services.request_report(kind=Report.Kind.SUMMARY, by=one)
    second = services.request_report(kind=Report.Kind.SUMMARY, by=two)
    assert first.pk != second.pk
    assert second.language == "nb"
