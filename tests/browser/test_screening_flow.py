"""A researcher screens a collaboration from start to submission in the browser."""

from __future__ import annotations

import pytest

from screening import questionnaire as qn
from screening.models import Screening
from tests import factories
from tests.screening.flow_answers import calm_value

pytestmark = pytest.mark.browser
RISKY = {"collab.balance": "no"}  # one flagged item, to write a mitigation for


# A choice is saved as soon as it is made; until its save comes back, its
# status says so ("Ikke lagret ennå …", "Ikkje lagra enno …"), and a follow-up
# it shows is not there yet. (A long answer is saved a second after typing,
# which fill() is not.)
SAVES_DONE = (
    "() => ![...document.querySelectorAll('[id^=autosave-]')].some(e =>"
    " /ennå|enno|yet/.test(e.textContent)"
    " && !e.closest('.question').querySelector('textarea'))"
)


def _answer_page(browse, q, partner_id):
    """Answer every question on the current section page calmly, including the
    follow-ups that the answers show while the page is open."""
    page = browse.page
    answered: set[str] = set()
    while True:
        names = page.eval_on_selector_all(
            "form .question input:not([type=hidden]), form .question textarea,"
            " form .question select",
            "els => [...new Set(els.map(e => e.name))]",
        )
        new = [name for name in names if name not in answered]
        if not new:
            return
        _answer(page, q, partner_id, new)
        answered.update(new)
        page.wait_for_function(SAVES_DONE)


def _answer(page, q, partner_id, names):
    for name in names:
        question = q.question(name)
        if question is None:
            continue
        value = RISKY.get(name) or calm_value(question, partner_id)
        if (
            question.type in ("ynu", "choice")
            and page.locator(f'input[name="{name}"][value="{value}"]').count()
        ):
            page.check(f'input[name="{name}"][value="{value}"]')
        elif question.type == "multi":
            if page.locator(f'input[name="{name}"]:checked').count():
                continue
            page.check(f'input[name="{name}"][value="{value[0]}"]')
        elif question.type == "text":
            page.fill(f'textarea[name="{name}"]', str(value))
        else:
            page.select_option(f'select[name="{name}"]', str(value))


def test_a_researcher_screens_and_submits(browse):
    unit = factories.UnitFactory(name="Institutt for fysikk")
    factories.researcher(username="forsker", unit=unit)
    sweden = factories.CountryFactory(iso2="SE", name_nb="Sverige", name_en="Sweden")
    partner = factories.PartnerFactory(name="Uppsala universitet", country=sweden)
    page = browse.page
    browse.login("forsker")

    browse.visit("/screenings/new/")
    page.fill("#id_title", "Utveksling med Uppsala")
    page.locator("#partner-query").press_sequentially("Uppsala")
    page.click(f"#partner-query-listbox-{partner.pk}")
    page.check('input[name="components"][value="mou"]')
    browse.screenshot("new-screening")
    page.click("#start-screening")
    browse.audit()
    screening = Screening.objects.get(title="Utveksling med Uppsala")
    q = screening.questionnaire

    # Branching: no data activities and a new collaboration skip two sections.
    skipped = page.inner_text(".section-list")
    assert skipped.count("(") >= 2
    assert page.locator(".section-item.skipped").count() >= 2

    for step in range(12):
        assert "/section/" in page.url, page.url
        _answer_page(browse, q, partner.pk)
        browse.screenshot(f"section-{step + 1}")
        if step == 1:
            page.click("button[value=leave]")
            browse.audit()
            assert page.url.endswith("/screenings/")
            browse.screenshot("list-after-leaving")
            page.click("table a:has-text('Utveksling med Uppsala')")
            browse.audit()
            page.click("#continue-screening")
            browse.audit()
            continue
        page.click("button[value=next]")
        browse.audit()
        if "/summary/" in page.url:
            break
    assert "/summary/" in page.url
    assert page.locator(".level-badge").count() >= 6
    assert page.locator(".ledger").count() == 5
    browse.screenshot("summary")
    assert page.locator(".mitigation textarea").count() >= 1
    for area in page.locator(".mitigation textarea").all():
        area.fill("Vi følger rådet og sjekker dette før avtalen signeres.")
    submit = page.locator("button[value=submit]")
    assert submit.is_enabled(), page.inner_text("main")[:1500]
    submit.click()
    browse.audit()
    browse.screenshot("submitted")
    screening.refresh_from_db()
    assert screening.status == Screening.Status.SUBMITTED
    assert "data" not in {k.split(".")[0] for k in screening.answers}
    assert qn.is_answered(screening.answers.get("collab.anchored"))
