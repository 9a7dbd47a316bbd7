"""The value register in a browser (issue 22): a leader keeps it, axe on each page."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Group

from agreements import roles
from tests import factories
from valueregister.models import Asset

pytestmark = pytest.mark.browser


def test_a_leader_registers_an_asset_and_marks_it_reviewed(browse):
    Group.objects.get_or_create(name=roles.LEADERSHIP)  # a flush may have removed it
    unit = factories.UnitFactory(name="Institutt for fysikk")
    factories.leader(username="leder")
    browse.login("leder")
    page = browse.page

    browse.visit("/register/values/")
    assert page.locator("h1").inner_text() == "Verdi- og risikoregister"
    page.get_by_role("link", name="Ny verdi").click()
    page.wait_for_load_state("load")
    browse.audit()

    page.click("form.form-narrow button[type=submit]")  # nothing filled in
    page.wait_for_load_state("load")
    browse.audit()
    assert page.locator("#id_name").get_attribute("aria-invalid") == "true"
    browse.screenshot("form-errors")

    page.select_option("#id_kind", "infrastructure")
    page.fill("#id_name", "Laboratoriet for kvanteteknologi")
    page.select_option("#id_unit", str(unit.pk))
    page.fill("#id_why_valuable", "Eneste renrom for kvantesensorer i landet.")
    page.select_option("#id_sensitivity", "very_high")
    page.fill("#id_access", "Adgangskort for fast ansatte; gjester følges av vert.")
    page.fill("#id_last_reviewed", "2025-06-01")
    page.click("form.form-narrow button[type=submit]")
    page.wait_for_load_state("load")
    browse.audit()
    assert page.locator("h1").inner_text() == "Laboratoriet for kvanteteknologi"
    assert page.get_by_text("Gjennomgangen har vært på overtid").is_visible()
    browse.screenshot("detail-overdue")

    page.get_by_role("button", name="Merk som gjennomgått i dag").click()
    page.wait_for_load_state("load")
    browse.audit()
    assert not page.get_by_text("Gjennomgangen har vært på overtid").is_visible()
    assert not Asset.objects.get().is_overdue()

    page.get_by_role("link", name="Verdi- og risikoregister").first.click()
    page.wait_for_load_state("load")
    browse.audit()
    row = page.locator("tbody tr")
    assert row.count() == 1
    assert "Svært høy" in row.inner_text()
    browse.screenshot("list")
