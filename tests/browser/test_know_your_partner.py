"""Know your partner in the browser: a proposed listed institution is carried
from the summary to the review page, the decision, the PDF and the register."""

from __future__ import annotations

import pytest

from agreements import named_lists
from agreements.models import Partner
from screening.models import Report, Screening
from tests import factories
from tests.screening.reports_support import pdf_text
from tests.screening.review_support import answer_everything

pytestmark = pytest.mark.browser

HEU = "Harbin Engineering University"


@pytest.fixture(autouse=True)
def _private_media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def _logout(browse):
    browse.page.click(".account-menu .dropdown-toggle")
    browse.page.click('form[action="/accounts/logout/"] button')
    browse.page.wait_for_load_state("load")


def test_a_proposed_listed_partner_is_carried_to_the_decision_pdf_and_register(
    browse, tmp_path
):
    factories.CountryFactory(iso2="CN", name_nb="Kina", name_en="China")
    named_lists.seed_named_lists()  # Canada NRO, US §1286 and 1260H from fixtures/
    # The matcher loads its territory names once per process (about 10 s on a
    # busy machine); a server has done so before anyone proposes a partner.
    named_lists.check_name(HEU, "CN")
    unit = factories.UnitFactory(name="Institutt for marin teknikk")
    factories.researcher(username="forsker", unit=unit, language="nb")
    factories.contact_point(
        username="kontakt", first_name="Kari", last_name="Kontaktpunkt"
    )
    page = browse.page

    # The researcher proposes the partner in a new screening.
    browse.login("forsker")
    browse.visit("/screenings/new/")
    page.fill("#id_title", "Undervannsakustikk")
    page.click("text=Partneren finnes ikke i registeret")
    page.fill("#id_proposed_partner_name", HEU)
    page.select_option("#id_proposed_partner_country", "CN")
    page.check('input[name="components"][value="joint_research"]')
    page.click("#start-screening")
    browse.audit()
    screening = Screening.objects.get(title="Undervannsakustikk")
    assert screening.partner.name == HEU
    assert screening.partner.proposed
    screening.answers = answer_everything(screening)  # the questionnaire itself
    screening.rescore()  # is another test's journey
    screening.save()

    browse.visit(f"/screenings/{screening.pk}/summary/")
    pending = page.locator(".pending-matches")
    assert "Mulig treff på US DoD Section 1286 list" in pending.inner_text()
    assert "venter på kontaktpunktets vurdering" in pending.inner_text()
    browse.screenshot("summary")
    for area in page.locator(".mitigation textarea").all():
        area.fill("Vi venter på kontaktpunktets vurdering.")
    page.click("button[value=submit]")
    browse.audit()
    screening.refresh_from_db()
    assert screening.status == Screening.Status.SUBMITTED  # not blocked
    _logout(browse)

    # The contact point sees the match, decides it in place, confirms the partner.
    browse.login("kontakt")
    browse.visit(f"/screenings/{screening.pk}/review/")
    blockers = page.locator(".approval-blockers").inner_text()
    assert "Kan ikke godkjennes ennå" in blockers
    assert "US DoD Section 1286 list" in blockers
    browse.screenshot("review-before")
    row = page.locator("tr", has_text="US DoD Section 1286 list").first
    row.locator("textarea").fill("Samme adresse og nettsted som oppføringen.")
    row.locator("button[value=confirmed]").click()
    browse.audit()
    assert f"/screenings/{screening.pk}/review/" in page.url
    nro = page.locator("tr", has_text="Named Research Organizations").first
    nro.locator("textarea").fill("Samme institusjon.")
    nro.locator("button[value=confirmed]").click()
    browse.audit()
    page.click("text=Bekreft «Harbin Engineering University» som ny partner")
    browse.audit()
    assert page.locator(".approval-blockers").count() == 0
    assert "Hevet fra" in page.inner_text("main")
    assert "bekreftet av Kari Kontaktpunkt" in page.inner_text("main")
    browse.screenshot("review-after")
    page.check('input[name="decision"][value="approve"]')
    page.click("#decision-form button[type=submit]")
    browse.audit()
    screening.refresh_from_db()
    assert screening.status == Screening.Status.APPROVED
    agreement = screening.agreement
    assert list(agreement.partners.values_list("name", "country_id")) == [(HEU, "CN")]

    # The PDF lists the candidates with their decisions.
    browse.visit(f"/screenings/{screening.pk}/")
    page.click(".request-report button")
    browse.audit()
    page.wait_for_selector("text=Last ned PDF")
    with page.expect_download() as info:
        page.click("text=Last ned PDF")
    content = info.value.path().read_bytes()
    (tmp_path / "report.pdf").write_bytes(content)
    text = pdf_text(content, tmp_path)
    assert HEU in text
    assert "US DoD Section 1286 list" in text
    assert "Bekreftet" in text
    assert Report.objects.get().status == Report.Status.READY

    # The register shows the confirmed match, and counts it among the flags.
    browse.visit("/partners/?q=Harbin+Engineering")
    assert "Bekreftet treff" in page.inner_text("main")
    browse.screenshot("partners")
    browse.visit("/agreements/")
    flags = page.locator(".flag-counts").inner_text()
    assert "1 Partner med bekreftet treff på navnelister" in flags
    browse.screenshot("register")
    assert not Partner.objects.filter(proposed=True).exists()
