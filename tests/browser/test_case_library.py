"""A contact point publishes a case; a researcher finds it; everyone reads the
coverage map (issue 22). axe audits every page."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from django.contrib.auth.models import Group

from agreements import roles
from caselibrary.models import Case
from tests import factories
from tests.caselibrary.support import decided_screening

pytestmark = pytest.mark.browser

SHOTS = Path("/tmp/cases")


def keep(path: Path) -> None:
    SHOTS.mkdir(exist_ok=True)
    shutil.copy(path, SHOTS / path.name)


def test_publish_browse_and_read_the_coverage_map(browse):
    for name in roles.ALL:
        Group.objects.get_or_create(name=name)  # a flush may have removed them
    china = factories.CountryFactory(iso2="CN", name_nb="Kina", name_en="China")
    partner = factories.PartnerFactory(name="Harbin Example University", country=china)
    owner = factories.researcher(first_name="Kari", last_name="Nordmann")
    screening = decided_screening(
        owner=owner,
        partner=partner,
        title="Underwater robotics with Harbin Example University",
        reason="Approved if no controlled technology is shared.",
    )
    factories.contact_point(username="kontakt")
    factories.researcher(username="forsker")
    page = browse.page

    browse.login("kontakt")
    browse.visit("/cases/publish/")
    page.get_by_role("link", name=screening.title).click()
    browse.audit()
    assert "Harbin" not in page.input_value("#id_planned")
    page.fill("#id_planned", "A joint lab. Kari Nordmann leads it.")
    keep(browse.screenshot("publish-form"))
    page.get_by_role("button", name="Publiser").click()
    browse.audit()
    error = page.locator("#id_planned ~ .invalid-feedback, .invalid-feedback").first
    assert "Kari Nordmann" in error.inner_text()
    keep(browse.screenshot("publish-form-refused"))
    page.fill("#id_planned", "A joint laboratory for underwater robotics.")
    page.select_option("#id_theme", "export_control")
    page.get_by_role("button", name="Publiser").click()
    browse.audit()
    assert page.locator("h1").inner_text()
    assert Case.objects.get().is_published
    browse.page.context.clear_cookies()

    browse.login("forsker")
    browse.visit("/cases/")
    assert page.locator(".case-list article").count() == 1
    page.select_option("#id_theme", "data")
    page.click("form[method=get] button[type=submit]")
    browse.audit()
    assert page.locator(".case-list article").count() == 0
    page.select_option("#id_theme", "export_control")
    page.fill("#id_q", "underwater")
    page.click("form[method=get] button[type=submit]")
    browse.audit()
    assert page.locator(".case-list article").count() == 1
    keep(browse.screenshot("library-list"))
    page.locator(".case-list article a").first.click()
    browse.audit()
    main = page.locator("main").inner_text()
    assert "Harbin" not in main
    assert "Nordmann" not in main
    assert "underwater robotics" in main
    assert page.get_by_role("link", name="Åpne vurderingen").count() == 0
    keep(browse.screenshot("case-page"))

    page.get_by_role("link", name="Slik følger vi retningslinjene").click()
    browse.audit()
    heading = page.locator("h1").inner_text()
    assert heading == "Slik følger Samarbeidssjekk retningslinjene"
    assert page.locator("section ol > li").count() == 13
    page.get_by_role("link", name="Sakssamlingen: anonymiserte").first.click()
    browse.audit()
    assert page.url.endswith("/cases/")
    browse.visit("/guidelines/")
    keep(browse.screenshot("guidelines"))
