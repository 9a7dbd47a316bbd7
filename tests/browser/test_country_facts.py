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


def test_researcher_reads_the_freeze_and_the_adequacy_scope(browse):
    call_command("sync_countries", stdout=io.StringIO())
    Group.objects.get_or_create(name=roles.RESEARCHER)
    factories.researcher(username="forsker")
    browse.login("forsker")
    page = browse.page

    browse.visit("/countries/RU/")
    row = page.locator("#fact-policy_instruction")
    assert "Frys av institusjonelt samarbeid" in row.inner_text()
    assert "Kunnskapsdepartementet" in row.inner_text()
    assert page.locator("form[action*='/facts/']").count() == 0
    browse.screenshot("russia")

    page.click("button[name=language][value=en]")
    page.wait_for_load_state("load")
    browse.audit()
    row = page.locator("#fact-gdpr_adequacy_scope")
    assert row.count() == 0  # Russia has no adequacy decision
    browse.visit("/countries/US/")
    row = page.locator("#fact-gdpr_adequacy_scope")
    assert "Data Privacy Framework" in row.inner_text()
    assert "To be verified" in row.inner_text()
    browse.screenshot("united-states-en")
