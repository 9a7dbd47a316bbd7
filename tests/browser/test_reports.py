from __future__ import annotations

import pytest

from screening.models import Report
from tests import factories
from tests.screening.reports_support import scored_screening

pytestmark = pytest.mark.browser


@pytest.fixture(autouse=True)
def _private_media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def test_leader_opens_the_dashboard_requests_the_summary_and_downloads_it(browse):
    factories.leader(username="leder")
    scored_screening()
    factories.AgreementFactory(title="Utvekslingsavtale med Kyoto")
    browse.login("leder")
    browse.visit("/dashboard/")
    page = browse.page
    assert page.locator("h1").inner_text() == "Dashbord"
    assert page.locator("svg[role=img]").count() == 5
    page.locator("details summary").first.click()
    browse.screenshot("dashboard")

    page.click("text=Bestill risikooppsummeringen som PDF")
    page.wait_for_load_state("load")
    browse.audit()
    report = Report.objects.get()
    assert page.url.endswith(f"/reports/{report.pk}/")
    page.wait_for_selector("text=Last ned PDF")
    browse.screenshot("report-ready")
    with page.expect_download() as info:
        page.click("text=Last ned PDF")
    path = info.value.path()
    assert path.read_bytes()[:5] == b"%PDF-"

    browse.visit("/reports/")
    assert "Risikooppsummering for institusjonen" in page.inner_text("main")
    browse.screenshot("report-list")
