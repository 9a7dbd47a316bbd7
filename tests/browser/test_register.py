"""Contact point in the browser: filter to high-risk countries, export, edit."""

from __future__ import annotations

import datetime

import pytest
from openpyxl import load_workbook

from tests import factories as f

pytestmark = pytest.mark.browser


def test_contact_point_filters_exports_edits_and_sees_history(browse):
    f.contact_point(username="kari")
    china = f.CountryFactory(
        iso2="CN", name_nb="Kina", name_en="China", tier="T3", af_band="very_low"
    )
    sweden = f.CountryFactory(iso2="SE", name_nb="Sverige", name_en="Sweden")
    hit = f.PartnerFactory(
        name="Harbin Institute of Technology",
        country=china,
        named_list_status="confirmed",
    )
    lund = f.PartnerFactory(name="Lunds universitet", country=sweden)
    risky = f.AgreementFactory(
        title="Materials for extreme environments",
        partners=[hit],
        end_date=datetime.date.today() + datetime.timedelta(days=40),  # noqa: DTZ011
    )
    f.AgreementFactory(title="Student exchange with Lund", partners=[lund])

    browse.login("kari")
    browse.visit("/agreements/")
    browse.screenshot("overview")
    page = browse.page
    if not page.is_visible("#id_tier_3"):
        page.click("details.filter-panel > summary")
    page.check("#id_tier_3")  # T3
    page.click("#agreement-filter button[type=submit]")
    browse.audit()
    assert "tier=T3" in page.url
    rows = page.locator("table.agreement-table tbody tr")
    assert rows.count() == 1
    assert "Materials for extreme environments" in rows.first.inner_text()
    browse.screenshot("filtered")

    with page.expect_download() as download_info:
        page.click("#export-xlsx")
    download = download_info.value
    assert download.suggested_filename.endswith(".xlsx")
    with open(download.path(), "rb") as handle:
        sheet = load_workbook(handle).active
    assert sheet.max_row == 2
    assert sheet.cell(row=2, column=2).value == "Materials for extreme environments"

    page.click("text=Materials for extreme environments")
    browse.audit()
    browse.screenshot("detail")
    page.click("main a.btn-primary")  # Edit
    browse.audit()
    page.fill("#id_title", "Materials for extreme environments (renegotiated)")
    page.uncheck("#id_has_termination_clause")
    page.click("main form button[type=submit]")
    browse.audit()
    assert page.url.endswith(f"/agreements/{risky.pk}/")
    history = page.locator(".history-table").inner_text()
    assert "(renegotiated)" in history
    assert "Materials for extreme environments" in history
    browse.screenshot("history")
