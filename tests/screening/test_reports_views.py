"""The report pages as a user sees them."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from kombu.exceptions import OperationalError

from screening import tasks
from screening.models import Report
from tests import factories
from tests.screening.reports_support import pdf_text, scored_screening


@pytest.fixture(autouse=True)
def _private_media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def test_broker_down_shows_a_message_and_a_retry_and_keeps_the_request(
    client_for, leader, monkeypatch, django_capture_on_commit_callbacks
):
    def refuse(*args, **kwargs):
        raise OperationalError("Error 111 connecting to 127.0.0.1:6379.")

    monkeypatch.setattr(tasks.render_report, "delay", refuse)
    client = client_for(leader)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/reports/summary/", {"since": "2025-01-01"})
    report = Report.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/reports/{report.pk}/"
    page = client.get(response["Location"]).content.decode()
    assert "Rapporttjenesten svarte ikke" in page
    assert f'action="/reports/{report.pk}/retry/"' in page
    assert report.params == {"since": "2025-01-01"}

    monkeypatch.undo()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/reports/{report.pk}/retry/")
    report.refresh_from_db()
    assert report.status == Report.Status.READY


def test_leader_requests_a_screening_report_and_downloads_it(
    client_for, leader, tmp_path, django_capture_on_commit_callbacks
):
    screening = scored_screening()
    client = client_for(leader)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/screenings/{screening.pk}/report/")
    detail = client.get(response["Location"]).content.decode()
    assert "Last ned PDF" in detail
    report = Report.objects.get()
    download = client.get(f"/reports/{report.pk}/download/")
    assert download["Content-Type"] == "application/pdf"
    assert download["Cache-Control"] == "private, no-store"
    text = pdf_text(b"".join(download.streaming_content), tmp_path)
    assert screening.title in text


def test_a_report_of_a_screening_the_user_no_longer_sees_is_a_404(
    db, client_for, django_capture_on_commit_callbacks
):
    owner = factories.researcher()
    screening = scored_screening(owner=owner)
    client = client_for(owner)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/screenings/{screening.pk}/report/")
    report = Report.objects.get()
    assert client.get(f"/reports/{report.pk}/download/").status_code == 200
    screening.owner = factories.researcher()
    screening.save()
    assert client.get(f"/reports/{report.pk}/").status_code == 404
    assert client.get(f"/reports/{report.pk}/download/").status_code == 404


def test_pending_reports_poll_and_ready_ones_stop(client_for, leader):
    report = Report.objects.create(
        kind=Report.Kind.SUMMARY, requested_by=leader, data_fingerprint="x"
    )
    client = client_for(leader)
    status = client.get(f"/reports/{report.pk}/status/").content.decode()
    assert 'hx-trigger="every 2s"' in status
    assert "I kø" in status
    Report.objects.filter(pk=report.pk).update(status=Report.Status.RENDERING)
    assert "Lages" in client.get(f"/reports/{report.pk}/status/").content.decode()
    Report.objects.filter(pk=report.pk).update(
        status=Report.Status.READY, pages=3, size=2048, duration=0.8
    )
    status = client.get(f"/reports/{report.pk}/status/").content.decode()
    assert "hx-trigger" not in status
    assert "3 sider" in status


def test_the_report_list_marks_out_of_date_reports_in_constant_queries(
    client_for, leader
):
    client = client_for(leader)

    def make(n):
        for _ in range(n):
            screening = scored_screening()
            Report.objects.create(
                kind=Report.Kind.SCREENING,
                screening=screening,
                requested_by=leader,
                status=Report.Status.READY,
                data_fingerprint="old",
            )

    make(2)
    with CaptureQueriesContext(connection) as few:
        page = client.get("/reports/").content.decode()
    assert page.count("Utdatert") == 2
    make(6)
    with CaptureQueriesContext(connection) as many:
        client.get("/reports/")
    assert len(many) == len(few)


def test_the_dashboard_shows_figures_charts_tables_and_links(client_for, leader):
    scored_screening()
    factories.AgreementFactory()
    page = client_for(leader).get("/dashboard/").content.decode()
    assert page.count('role="img"') == 5
    assert "<title id=" in page
    assert "<desc id=" in page
    assert "Vis som tabell" in page
    assert 'href="/agreements/?level=high"' in page
    assert "Felles laboratorium for batterimaterialer" in page


def test_the_dashboard_filter_rejects_a_backwards_period(client_for, leader):
    response = client_for(leader).get(
        "/dashboard/", {"since": "2025-06-01", "until": "2025-01-01"}
    )
    assert response.status_code == 200
    assert "Slutten av perioden er før starten." in response.content.decode()


def test_the_dashboard_query_count_does_not_grow_with_the_data(client_for, leader):
    client = client_for(leader)
    scored_screening()
    factories.AgreementFactory()
    with CaptureQueriesContext(connection) as few:
        client.get("/dashboard/")
    for _ in range(5):
        scored_screening(status="in_review")
        factories.AgreementFactory(end_date=None)
    with CaptureQueriesContext(connection) as many:
        client.get("/dashboard/")
    assert len(many) == len(few)


def test_the_dashboard_trend_counts_screenings_by_the_month_submitted(
    client_for, leader
):
    for month in (3, 5):
        scored_screening(
            submitted_at=datetime.datetime(2025, month, 10, tzinfo=datetime.UTC)
        )
    page = client_for(leader).get("/dashboard/").content.decode()
    assert '<th scope="row">mars 2025</th>' in page
    assert '<th scope="row">mai 2025</th>' in page


def test_the_dashboard_links_leadership_only_to_pages_they_may_open(client_for, leader):
    client = client_for(leader)
    page = client.get("/dashboard/").content.decode()
    assert 'href="/reviews/"' not in page
    assert client.get("/screenings/?status=submitted").status_code == 200
    assert 'href="/screenings/?status=submitted"' in page
