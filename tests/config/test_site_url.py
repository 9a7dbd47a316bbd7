"""Every absolute link in an e-mail or a PDF starts with SITE_URL.

Links used to point at http://127.0.0.1:8000 whatever host served the app.
"""

from __future__ import annotations

import datetime
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.utils import timezone

from agreements import tasks as agreement_tasks
from countries import tasks as country_tasks
from screening.models import Report
from screening.reports import build
from screening.services import reviews
from tests import factories
from tests.screening.reports_support import scored_screening
from tests.screening.review_support import submitted

SITE = "https://samarbeidssjekk.uni.example"
ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.django_db


def links(text: str) -> list[str]:
    return re.findall(r"https?://[^\s\"'<>]+", text)


def assert_links_on_site(text: str) -> list[str]:
    found = links(text)
    assert found, "no absolute link"
    assert all(link.startswith(SITE + "/") for link in found), found
    assert not any("//" in link.removeprefix("https://") for link in found), found
    return found


@pytest.fixture(autouse=True)
def site(settings):
    settings.SITE_URL = SITE


def test_review_emails_link_to_the_configured_site(
    contact_point, django_capture_on_commit_callbacks, mailoutbox
):
    factories.export_officer(email="ek@example.no")
    owner = factories.researcher(email="eier@example.no")
    with django_capture_on_commit_callbacks(execute=True):
        routed = submitted(export=True)
        screening = submitted(owner)
    with django_capture_on_commit_callbacks(execute=True):
        reviews.approve(screening, by=contact_point)
    assert {m.to[0] for m in mailoutbox} >= {"ek@example.no", "eier@example.no"}
    for message in mailoutbox:
        found = assert_links_on_site(message.body)
        assert_links_on_site(message.alternatives[0][0])
        pages = {f"/screenings/{s.pk}/" for s in (routed, screening)}
        assert any(page in link for page in pages for link in found)


def test_agreement_reminder_links_to_the_configured_site():
    factories.AgreementFactory(
        end_date=timezone.localdate() + datetime.timedelta(days=30),
        start_date=timezone.localdate() - datetime.timedelta(days=400),
    )
    agreement_tasks.send_agreement_reminders.delay()
    from django.core import mail

    assert mail.outbox
    for message in mail.outbox:
        assert_links_on_site(message.body)


def test_country_assessment_mail_links_to_the_configured_site():
    from django.core import mail

    assessment = factories.AssessmentFactory()
    country_tasks.notify_assessment_recorded(assessment.pk)
    assert_links_on_site(mail.outbox[0].body)


def test_pdf_reports_link_to_the_screening_and_the_dashboard():
    owner = factories.researcher()
    screening = scored_screening(owner=owner)
    leader = factories.leader()
    report = Report.objects.create(
        kind=Report.Kind.SCREENING,
        screening=screening,
        requested_by=leader,
        language="en",
        data_fingerprint="x",
    )
    html = build.render_html(report)
    assert f'href="{SITE}/screenings/{screening.pk}/"' in html
    summary = Report.objects.create(
        kind=Report.Kind.SUMMARY,
        requested_by=leader,
        language="nb",
        params={"unit": screening.unit_id},
        data_fingerprint="y",
    )
    html = build.render_html(summary)
    assert f'href="{SITE}/dashboard/?unit={screening.unit_id}"' in html


def test_site_url_loses_its_trailing_slash():
    code = "from django.conf import settings; print(settings.SITE_URL)"
    result = subprocess.run(
        [sys.executable, "-c", f"import django; django.setup(); {code}"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={
            "PATH": "/usr/bin:/bin",
            "DJANGO_SETTINGS_MODULE": "config.settings",
            "DEBUG": "1",
            "SITE_URL": SITE + "/",
        },
        check=True,
    )
    assert result.stdout.strip() == SITE


def test_no_hard_coded_local_address_in_code_or_templates():
    offenders = [
        str(path.relative_to(ROOT))
        for folder in ("agreements", "countries", "screening", "templates")
        for path in (ROOT / folder).rglob("*")
        if path.suffix in {".py", ".html", ".txt"}
        and "127.0.0.1:8000" in path.read_text(encoding="utf-8")
    ]
    assert offenders == []
