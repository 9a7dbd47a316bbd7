"""The partner picker in the browser: type, arrow keys, Enter chooses."""

from __future__ import annotations

import pytest

from agreements.models import Agreement
from tests import factories as f

pytestmark = pytest.mark.browser


def test_a_contact_point_picks_two_partners_with_the_keyboard(browse):
    f.contact_point(username="kari")
    sweden = f.CountryFactory(iso2="SE", name_nb="Sverige", name_en="Sweden")
    lund = f.PartnerFactory(name="Lunds universitet", country=sweden)
    uppsala = f.PartnerFactory(name="Uppsala universitet", country=sweden)
    f.PartnerAliasFactory(partner=uppsala, name="UU")
    f.PartnerFactory.create_batch(30, country=sweden)  # more than one screen
    page = browse.page
    browse.login("kari")

    browse.visit("/agreements/new/")
    page.fill("#id_title", "Fotonikk i Norden")
    box = page.locator("#id_partners")
    assert box.get_attribute("role") == "combobox"
    box.press_sequentially("univers", delay=20)
    page.wait_for_selector("#id_partners-listbox:not([hidden]) [role=option]")
    assert box.get_attribute("aria-expanded") == "true"
    box.press("ArrowDown")
    first = box.get_attribute("aria-activedescendant")
    box.press("ArrowDown")
    second = box.get_attribute("aria-activedescendant")
    box.press("ArrowUp")
    assert box.get_attribute("aria-activedescendant") == first != second
    assert page.locator(f"#{first}").get_attribute("aria-selected") == "true"
    browse.audit()  # with the list open
    box.press("Enter")  # chooses Lunds universitet, does not submit
    assert "/agreements/new/" in page.url
    assert box.get_attribute("aria-expanded") == "false"
    assert box.input_value() == ""

    box.press_sequentially("UU", delay=20)  # an alias finds Uppsala
    option = page.locator(f"#id_partners-listbox-{uppsala.pk}")
    option.wait_for()
    box.press("ArrowDown")
    box.press("Enter")
    chosen = page.locator(".partner-chosen input[name=partners]")
    assert [chosen.nth(i).input_value() for i in range(2)] == [
        str(lund.pk),
        str(uppsala.pk),
    ]
    browse.screenshot("two-partners")
    browse.audit()

    page.select_option("#id_responsible_unit", index=1)
    page.click("form.form-narrow button[type=submit]")
    page.wait_for_load_state("load")
    agreement = Agreement.objects.get(title="Fotonikk i Norden")
    assert set(agreement.partners.all()) == {lund, uppsala}

    browse.visit(f"/agreements/{agreement.pk}/edit/")
    page.click(f"button[aria-label='Fjern {lund.name}']")
    assert page.locator(".partner-chosen input[name=partners]").count() == 1
    assert page.evaluate("document.activeElement.id") == "id_partners"
    browse.audit()


def test_a_researcher_proposes_a_partner_from_the_search(browse):
    f.researcher(username="forsker")
    f.CountryFactory(iso2="JP", name_nb="Japan", name_en="Japan")
    page = browse.page
    browse.login("forsker")

    browse.visit("/screenings/new/")
    box = page.locator("#partner-query")
    box.press_sequentially("Tohoku Institute", delay=20)
    propose = page.locator("#partner-query-listbox-propose")
    propose.wait_for()
    box.press("ArrowDown")
    assert box.get_attribute("aria-activedescendant") == "partner-query-listbox-propose"
    box.press("Enter")
    assert page.locator("#propose-partner").get_attribute("open") is not None
    assert page.input_value("#id_proposed_partner_name") == "Tohoku Institute"
    browse.audit()
