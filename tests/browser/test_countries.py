from __future__ import annotations

import io

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command

from agreements import roles
from tests import factories

pytestmark = pytest.mark.browser


def test_researcher_browses_country_profiles_in_both_languages(browse):
    call_command("sync_countries", stdout=io.StringIO())
    Group.objects.get_or_create(name=roles.RESEARCHER)  # a flush may have removed it
    factories.researcher(username="forsker")
    browse.login("forsker")
    page = browse.page

    browse.visit("/countries/")
    assert page.locator("h1").inner_text() == "Landprofiler"
    assert page.locator("tbody tr").count() == 250
    browse.screenshot("countries")

    page.select_option("#id_tier", "T3")
    page.click("form[method=get] button[type=submit]")
    browse.audit()
    assert page.get_by_role("link", name="Russland").is_visible()
    assert page.locator("tbody tr").count() < 30
    browse.screenshot("countries-t3")

    browse.visit("/countries/CN/")
    assert page.locator("h1").inner_text() == "Kina"
    assert page.get_by_text("Ikke vurdert").first.is_visible()
    assert "V-Dem" in page.locator("#indicators-heading + div table").inner_text()
    browse.screenshot("china-nb")

    page.click("button[name=language][value=en]")
    page.wait_for_load_state("load")
    browse.audit()
    assert page.locator("h1").inner_text() == "China"
    assert page.get_by_text("never individuals").first.is_visible()
    assert browse.screenshot("china-en").exists()

    page.click("button[name=language][value=nb]")
    page.wait_for_load_state("load")
    browse.audit()
    assert page.locator("h1").inner_text() == "Kina"

    browse.visit("/sources/")
    assert page.get_by_text("vdem_academic_freedom_2023.csv").is_visible()
    browse.screenshot("sources")
