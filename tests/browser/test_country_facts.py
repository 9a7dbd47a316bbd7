"""A contact point checks a country's facts and confirms or changes one."""

from __future__ import annotations

import io

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command

from agreements import roles
from tests import factories

pytestmark = pytest.mark.browser


def test_contact_point_confirms_one_fact_and_changes_another(browse):
    call_command("sync_countries", stdout=io.StringIO())
    Group.objects.get_or_create(name=roles.CONTACT_POINT)
    factories.contact_point(username="kontakt")
    browse.login("kontakt")
    page = browse.page

    browse.visit("/countries/CN/")
    assert "Kategori T3 fordi" in page.locator("#tier-reason").inner_text()
    row = page.locator("#fact-threat_assessment_named")
    assert "Skal kontrolleres" in row.inner_text()
    assert "NTV 2023 (PST)" in row.inner_text()
    browse.screenshot("china-facts")

    page.locator("#fact-threat_assessment_named + tr summary").click()
    browse.audit()
    form = page.locator("#fact-threat_assessment_named + tr form")
    form.get_by_label("Merknad").fill("Kontrollert mot NTV 2026.")
    form.get_by_role("button", name="Bekreft verdien slik den står").click()
    page.wait_for_load_state("load")
    browse.audit()
    assert "Kontrollert" in page.locator("#fact-threat_assessment_named").inner_text()
    assert page.get_by_text("Kontrollert mot NTV 2026.").first.is_visible()
    browse.screenshot("china-confirmed")

    browse.visit("/countries/PK/")
    page.locator("#fact-threat_assessment_named + tr summary").click()
    form = page.locator("#fact-threat_assessment_named + tr form")
    form.get_by_label("Verdi").select_option("no")
    form.get_by_role("button", name="Lagre den nye verdien").click()
    page.wait_for_load_state("load")
    browse.audit()
    assert page.get_by_text("Skriv hvorfor du endrer den").is_visible()
    browse.screenshot("pakistan-error")

    form = page.locator("#fact-threat_assessment_named + tr form")
    form.get_by_label("Merknad").fill("NTV 2026 nevner ikke Pakistan.")
    form.get_by_role("button", name="Lagre den nye verdien").click()
    page.wait_for_load_state("load")
    browse.audit()
    assert (
        "Satt av institusjonen"
        in page.locator("#fact-threat_assessment_named").inner_text()
    )
    browse.screenshot("pakistan-changed")
