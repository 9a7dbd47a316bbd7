"""Every report ends: the watchdog, the attempts limit, Retry on stuck reports.

Issue 21: a report whose message was lost (Redis restarted without it), whose
worker was killed, or whose final UPDATE failed stayed "queued" or "rendering"
for ever, and the user could not retry it.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.conf import settings as django_settings
from django.utils import timezone

from config.celery import app as celery_app
from screening import tasks
from screening.models import Report
from screening.reports import build, services


@pytest.fixture(autouse=True)
def _private_media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def no_worker(monkeypatch):
    """The broker takes the message, but no worker runs it (or it is lost)."""
    sent = []
    monkeypatch.setattr(tasks.render_report, "delay", sent.append)
    return sent


def _ago(seconds: float) -> dt.datetime:
    return timezone.now() - dt.timedelta(seconds=seconds)


STUCK = django_settings.REPORT_STUCK_AFTER + 5


def _report(by, **fields) -> Report:
    values = {"kind": Report.Kind.SUMMARY, "data_fingerprint": "f" * 64}
    return Report.objects.create(requested_by=by, **{**values, **fields})


def test_the_limits_fit_together():
    s = django_settings
    assert s.REPORT_SOFT_TIME_LIMIT < s.REPORT_TIME_LIMIT < s.REPORT_STUCK_AFTER
    visibility = s.CELERY_BROKER_TRANSPORT_OPTIONS["visibility_timeout"]
    # A task still running, or waiting for its retry (an e-mail after up to 20
    # minutes), is never handed to a second worker: the e-mail would go twice.
    assert max(tasks.RETRY_DELAYS) <= s.TASK_LONGEST_COUNTDOWN
    assert visibility > max(s.REPORT_TIME_LIMIT, s.CELERY_TASK_TIME_LIMIT) + max(
        tasks.RETRY_DELAYS
    )
    # A killed worker's report is redone by the watchdog within minutes, long
    # before Redis would hand its message out again.
    assert s.REPORT_STUCK_AFTER <= 300 < visibility
    assert tasks.render_report.time_limit == s.REPORT_TIME_LIMIT
    assert tasks.render_report.soft_time_limit == s.REPORT_SOFT_TIME_LIMIT
    beat = s.CELERY_BEAT_SCHEDULE["report-watchdog"]
    assert beat["task"] in celery_app.tasks
    assert beat["schedule"] <= 60


def test_a_report_queued_past_the_limit_is_sent_again_once(
    leader, no_worker, django_capture_on_commit_callbacks
):
    report = _report(leader, queued_at=_ago(STUCK))
    fresh = _report(leader, queued_at=_ago(5), data_fingerprint="e" * 64)

    with django_capture_on_commit_callbacks(execute=True):
        assert tasks.rescue_stuck_reports() == 1

    report.refresh_from_db()
    assert report.status == Report.Status.QUEUED
    assert report.requeues == 1
    assert report.queued_at > _ago(5)
    assert no_worker == [report.pk]  # sent again; the fresh one left alone
    fresh.refresh_from_db()
    assert fresh.requeues == 0
    assert tasks.rescue_stuck_reports() == 0  # run twice: nothing more


def test_a_report_whose_worker_died_is_rendered_again(
    leader, django_capture_on_commit_callbacks
):
    report = _report(
        leader, status=Report.Status.RENDERING, started_at=_ago(STUCK), attempts=1
    )
    with django_capture_on_commit_callbacks(execute=True):
        services.rescue_stuck_reports()
    report.refresh_from_db()
    assert report.status == Report.Status.READY, report.error
    assert (report.attempts, report.requeues) == (2, 1)


def test_a_report_rendering_within_the_limit_is_left_alone(leader, no_worker):
    limit = django_settings.REPORT_TIME_LIMIT
    report = _report(leader, status=Report.Status.RENDERING, started_at=_ago(limit))
    assert services.rescue_stuck_reports() == []
    report.refresh_from_db()
    assert report.status == Report.Status.RENDERING
    assert not report.is_stuck()
    assert no_worker == []


@pytest.mark.parametrize(
    ("fields", "reason"),
    [
        (
            {"status": Report.Status.RENDERING, "attempts": 3},
            "Rapporten stoppet før den var ferdig 3 ganger",
        ),
        (
            {"status": Report.Status.QUEUED, "requeues": 3},
            "Rapporttjenesten startet ikke rapporten",
        ),
    ],
)
def test_after_the_last_attempt_the_report_fails_with_a_reason_and_a_retry(
    leader, client_for, fields, reason, django_capture_on_commit_callbacks
):
    report = _report(leader, started_at=_ago(STUCK), queued_at=_ago(STUCK), **fields)
    services.rescue_stuck_reports()
    report.refresh_from_db()
    assert report.status == Report.Status.FAILED
    assert reason in report.error  # in the requester's language (bokmål)

    client = client_for(leader)
    page = client.get(f"/reports/{report.pk}/").content.decode()
    assert reason in page
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/reports/{report.pk}/retry/")
    report.refresh_from_db()
    assert report.status == Report.Status.READY, report.error
    assert (report.attempts, report.requeues) == (1, 0)


def test_a_stuck_report_offers_retry_and_ordering_again_starts_it_again(
    leader, client_for, no_worker, django_capture_on_commit_callbacks
):
    client = client_for(leader)
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/reports/summary/", {})
    report = Report.objects.get()
    status = client.get(f"/reports/{report.pk}/status/").content.decode()
    assert "retry" not in status  # waiting is normal at first
    Report.objects.filter(pk=report.pk).update(queued_at=_ago(STUCK))

    status = client.get(f"/reports/{report.pk}/status/").content.decode()
    assert "Dette tar lengre tid enn det skal" in status
    assert f'action="/reports/{report.pk}/retry/"' in status
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/reports/summary/", {})  # ordering again
    assert Report.objects.count() == 1
    report.refresh_from_db()
    assert not report.is_stuck()
    assert no_worker == [report.pk, report.pk]  # sent again

    Report.objects.filter(pk=report.pk).update(queued_at=_ago(STUCK))
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/reports/{report.pk}/retry/")
    assert no_worker == [report.pk] * 3


def test_one_report_that_cannot_be_rescued_does_not_keep_the_others_stuck(
    leader, no_worker, monkeypatch, caplog, django_capture_on_commit_callbacks
):
    bad = _report(leader, queued_at=_ago(STUCK))
    good = _report(leader, queued_at=_ago(STUCK), data_fingerprint="e" * 64)
    rescue = services._rescue

    def fragile(pk, now):
        if pk == bad.pk:
            raise RuntimeError("row is broken")
        return rescue(pk, now)

    monkeypatch.setattr(services, "_rescue", fragile)
    with django_capture_on_commit_callbacks(execute=True):
        rescued = services.rescue_stuck_reports()
    assert [r.pk for r in rescued] == [good.pk]
    assert no_worker == [good.pk]
    assert f"Watchdog could not rescue report {bad.pk}" in caplog.text


def test_a_render_that_killed_its_worker_each_time_is_not_started_again(leader):
    report = _report(
        leader, status=Report.Status.RENDERING, started_at=_ago(1), attempts=3
    )
    tasks.render_report(report.pk)  # handed straight back after the third kill
    report.refresh_from_db()
    assert report.status == Report.Status.FAILED
    assert "3 ganger" in report.error
    assert report.attempts == 3


def test_a_worker_shutdown_during_a_render_is_left_to_celery(leader, monkeypatch):
    """Warm or cold shutdown: the message stays unacknowledged, and the report
    is rendered again after the restart (not marked failed)."""

    def shutdown(report):
        raise SystemExit(1)

    monkeypatch.setattr(build, "render", shutdown)
    report = _report(leader)
    with pytest.raises(SystemExit):
        tasks.render_report(report.pk)
    report.refresh_from_db()
    assert report.status == Report.Status.RENDERING


def test_retrying_a_failed_report_that_was_ordered_again_goes_to_the_new_one(
    leader, client_for, no_worker, django_capture_on_commit_callbacks
):
    client = client_for(leader)
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/reports/summary/", {})
    failed = Report.objects.get()
    Report.objects.filter(pk=failed.pk).update(status=Report.Status.FAILED)
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/reports/summary/", {})  # ordered again: a new report
    pending = Report.objects.exclude(pk=failed.pk).get()

    response = client.post(f"/reports/{failed.pk}/retry/")

    assert response["Location"] == f"/reports/{pending.pk}/"  # never a 500
    failed.refresh_from_db()
    assert failed.status == Report.Status.FAILED
    assert no_worker == [failed.pk, pending.pk]


def test_limits_that_do_not_fit_stop_the_production_container(settings):
    from screening.reports.checks import check_report_limits

    assert check_report_limits() == []
    # As a copied .env.example with one limit raised and the others as they were:
    settings.REPORT_STUCK_AFTER = 210
    settings.CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": 240}
    settings.REPORT_TIME_LIMIT = 300
    texts = [w.msg for w in check_report_limits()]
    assert any("REPORT_STUCK_AFTER (210)" in t for t in texts)
    assert any("CELERY_VISIBILITY_TIMEOUT (240)" in t for t in texts)
