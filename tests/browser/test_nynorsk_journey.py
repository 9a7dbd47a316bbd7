"""The researcher's journey once in nynorsk: fill out, submit, download the
report, and the contact point's review, every page checked with axe-core."""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader

from screening.models import Report, Screening
from tests import factories
from tests.browser.test_screening_flow import _answer_page

pytestmark = pytest.mark.browser


@pytest.fixture(autouse=True)
def _private_media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def _in_nynorsk(page) -> str:
    assert page.locator("html").get_attribute("lang") == "nn", page.url
    return page.inner_text("body")


def _logout(browse):
    browse.page.click(".account-menu .dropdown-toggle")
    browse.page.click('form[action="/accounts/logout/"] button')
    browse.page.wait_for_load_state("load")


def test_a_screening_from_start_to_decision_in_nynorsk(browse):
    unit = factories.UnitFactory(name="Institutt for fysikk")
    factories.researcher(username="forskar", unit=unit, language="nn")
    factories.contact_point(username="kontakt", language="nn")
    austria = factories.CountryFactory(
        iso2="AT", name_nb="Østerrike", name_nn="Austerrike", name_en="Austria"
    )
    partner = factories.PartnerFactory(name="Universität Wien", country=austria)
    page = browse.page

    browse.login("forskar", land=True)
    assert "Vurderingane mine" in _in_nynorsk(page)
    browse.visit("/screenings/new/")
    assert "Skildre det planlagde samarbeidet" in _in_nynorsk(page)
    page.fill("#id_title", "Utveksling med Wien")
    page.locator("#partner-query").press_sequentially("Wien")
    page.click(f"#partner-query-listbox-{partner.pk}")
    page.check('input[name="components"][value="mou"]')
    browse.screenshot("ny-vurdering")
    page.click("#start-screening")
    browse.audit()
    screening = Screening.objects.get(title="Utveksling med Wien")
    q = screening.questionnaire

    for step in range(12):
        assert "/section/" in page.url, page.url
        text = _in_nynorsk(page)
        if page.url.endswith("/section/collab/"):
            assert "Kven tok initiativet til samarbeidet?" in text
        _answer_page(browse, q, partner.pk)
        browse.screenshot(f"del-{step + 1}")
        page.click("button[value=next]")
        browse.audit()
        if "/summary/" in page.url:
            break
    text = _in_nynorsk(page)
    assert "Send inn til kontaktpunktet" in text
    assert "Akademisk fridom og etikk" in text
    browse.screenshot("oppsummering")
    for area in page.locator(".mitigation textarea").all():
        area.fill("Vi følgjer rådet og sjekkar dette før avtalen blir signert.")
    page.click("button[value=submit]")
    browse.audit()
    assert "Kontaktpunktet vil gå gjennom vurderinga di" in _in_nynorsk(page)
    browse.screenshot("send-inn")
    screening.refresh_from_db()
    assert screening.status == Screening.Status.SUBMITTED

    browse.visit(f"/screenings/{screening.pk}/")
    page.click("text=Bestill PDF-rapport")
    page.wait_for_load_state("load")
    browse.audit()
    page.wait_for_selector("text=Last ned PDF")
    assert "norsk nynorsk" in _in_nynorsk(page)
    browse.screenshot("rapport-klar")
    with page.expect_download() as info:
        page.click("text=Last ned PDF")
    assert info.value.suggested_filename.startswith("samarbeidssjekk-vurderingsrapport")
    pdf = PdfReader(io.BytesIO(info.value.path().read_bytes()))
    text = " ".join(p.extract_text() for p in pdf.pages)
    assert "Samla risikonivå" in text
    assert "Austerrike" in text
    assert Report.objects.get().language == "nn"
    _logout(browse)

    browse.login("kontakt")
    browse.visit("/reviews/")
    assert "Behandlingskø" in _in_nynorsk(page)
    browse.screenshot("ko")
    page.click("table a:has-text('Utveksling med Wien')")
    browse.audit()
    assert "Svara og kva dei tel" in _in_nynorsk(page)
    browse.screenshot("behandling")
    page.check("input[name=decision][value=approve]")
    page.click("#decision-form button[type=submit]")
    browse.audit()
    screening.refresh_from_db()
    assert screening.status == Screening.Status.APPROVED
    assert "Vurderinga er godkjend." in _in_nynorsk(page)
    browse.screenshot("godkjend")
