"""A researcher reports pressure from the footer link; the contact point
finds it in the list, answers, and the researcher reads the answer."""

from __future__ import annotations

import pytest

from incidents.models import IncidentReport
from tests import factories as f

pytestmark = pytest.mark.browser


def test_a_researcher_reports_and_the_contact_point_answers(browse):
    f.researcher(username="forsker", first_name="Frida", last_name="Forsker")
    f.contact_point(username="kontakt", first_name="Kari", last_name="Kontakt")
    f.export_officer(username="eksport")
    f.PartnerFactory(name="Harbour Institute of Technology")
    page = browse.page
    browse.login("forsker", land=True)

    # The footer link of every page (the same link sits in the header's
    # "Institusjonen" menu, tested below).
    page.locator("footer").get_by_role(
        "link", name="Varsle om press eller sikkerhetshendelse"
    ).click()
    page.wait_for_load_state("load")
    assert page.url.endswith("/incidents/new/")
    browse.audit()
    page.click("form.incident-form button[type=submit]")  # empty: errors
    page.wait_for_load_state("load")
    assert page.locator("#id_what_happened.is-invalid").count() == 1
    browse.audit()
    page.fill("#id_what_happened", "En besøkende ba om adgangskort til laben.")
    page.fill("#id_occurred_on", "2026-11-20")
    box = page.locator("#id_partner")
    box.press_sequentially("Harbour", delay=20)
    page.wait_for_selector("#id_partner-listbox:not([hidden]) [role=option]")
    box.press("ArrowDown")
    box.press("Enter")
    page.check("#id_anonymous")
    browse.screenshot("incident-form")
    page.click("form.incident-form button[type=submit]")
    page.wait_for_load_state("load")
    case = IncidentReport.objects.get()
    assert page.url.endswith(f"/incidents/{case.pk}/")
    assert case.case_number in page.inner_text("h1")
    browse.audit()

    page.context.clear_cookies()
    browse.login("kontakt")
    browse.visit("/incidents/?status=received")
    assert case.case_number in page.inner_text("main")
    browse.screenshot("incident-list")
    page.click(f"text={case.case_number}")
    page.wait_for_load_state("load")
    assert "Frida Forsker" in page.inner_text("main")
    page.fill("#id_text", "Takk for at du sa fra. Kan vi snakkes i morgen?")
    page.click("text=Send meldingen")
    page.wait_for_load_state("load")
    browse.audit()
    page.click("text=Send til eksportkontroll")
    page.wait_for_load_state("load")
    browse.screenshot("incident-case-contact")

    page.context.clear_cookies()
    browse.login("forsker", land=True)
    page.click("footer >> text=Mine varsler")
    page.wait_for_load_state("load")
    assert "Under behandling" in page.inner_text("main")
    page.click(f"text={case.case_number}")
    page.wait_for_load_state("load")
    assert "Kan vi snakkes i morgen?" in page.inner_text("main")
    page.fill("#id_text", "Ja, klokka 10 passer.")
    page.click("text=Send meldingen")
    page.wait_for_load_state("load")
    browse.audit()
    browse.screenshot("incident-case-reporter")

    page.context.clear_cookies()
    browse.login("eksport")
    browse.visit(f"/incidents/{case.pk}/")
    assert "Frida" not in page.inner_text("main")
    assert "Ja, klokka 10 passer." in page.inner_text("main")
    browse.screenshot("incident-case-export")


def test_the_header_menu_leads_to_the_institutions_duties(browse):
    """ "Institusjonen" opens by keyboard and lists the register, courses, the
    case library, the coverage map and the way to report pressure."""
    f.researcher(username="forsker")
    page = browse.page
    browse.login("forsker", land=True)
    menu = page.locator("header").get_by_role("button", name="Institusjonen")
    menu.focus()
    page.keyboard.press("Enter")
    items = page.locator(".dropdown-menu.show .dropdown-item")
    items.first.wait_for(state="visible")
    assert items.all_inner_texts() == [
        "Verdiregister",
        "Kurs",
        "Sakssamling",
        "Slik følger vi retningslinjene",
        "Varsle om press eller sikkerhetshendelse",
    ]
    browse.audit()  # the open menu too
    page.get_by_role("link", name="Verdiregister").click()
    page.wait_for_load_state("load")
    assert page.url.endswith("/register/values/")
    assert "active" in (menu.get_attribute("class") or "")
    browse.audit()
