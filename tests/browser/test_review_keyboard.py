"""The review page by keyboard: one skip link to the decision panel, the
decision within 10 Tab presses of the top, the checklist and the override."""

from __future__ import annotations

import pytest

from screening.models import Screening
from screening.services import reviews
from screening.services import screenings as screening_services
from tests import factories
from tests.screening.review_support import draft

pytestmark = pytest.mark.browser
MAX_TABS = 10


def focused(page) -> dict:
    return page.evaluate(
        """() => { const e = document.activeElement;
        return {tag: e.tagName, name: e.name || '', text: (e.innerText || '').trim(),
                inPanel: !!e.closest('#decision-panel')}; }"""
    )


def tab_until(page, wanted, budget: int) -> int:
    for presses in range(1, budget + 1):
        page.keyboard.press("Tab")
        if wanted(focused(page)):
            return presses
    raise AssertionError(f"not reached in {budget} Tab presses: {focused(page)}")


def test_a_keyboard_user_reaches_and_records_the_decision(browse):
    factories.contact_point(username="kontakt", language="nb")
    officer = factories.export_officer()
    screening = draft(
        export=True,
        overrides={"partner.military_links": "direct"},
        title="Dronesensorer med forsvarspartner",
    )
    screening_services.submit_screening(screening, by=screening.owner)
    screening.refresh_from_db()
    assert screening.overall_level == "very_high"
    task = screening.route_tasks.get(route="R-EC")
    reviews.record_export_control(
        task, by=officer, licence_required=False, reference="DEKSA 2026/7"
    )
    page = browse.page
    browse.login("kontakt")
    browse.visit(f"/screenings/{screening.pk}/review/")
    browse.screenshot("review-before-decision")
    # Scored sections are open, the others folded.
    sections = page.locator("details.review-section")
    assert sections.count() > 1
    assert 0 < page.locator("details.review-section[open]").count() < sections.count()

    page.evaluate("() => document.activeElement && document.activeElement.blur()")
    to_skip = tab_until(page, lambda f: f["text"] == "Hopp til vedtaket", MAX_TABS)
    page.keyboard.press("Enter")
    to_decision = tab_until(page, lambda f: f["name"] == "decision", MAX_TABS - to_skip)
    assert to_skip + to_decision <= MAX_TABS

    # The checklist holds the approval back; the override is one Tab earlier.
    panel = page.inner_text("#decision-panel")
    assert "Før godkjenning" in panel
    assert "Signering: Godkjenning fra ledelsen" in panel
    page.keyboard.press("Shift+Tab")
    assert focused(page)["tag"] == "SUMMARY"
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    page.keyboard.type("Rektor er bortreist; dekan har godkjent muntlig.")
    page.keyboard.press("Tab")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    browse.audit()
    assert "Overstyring registrert" in page.inner_text("main")

    # Approve with conditions, by keyboard only.
    page.locator("input[name=decision][value=approve]").focus()
    page.keyboard.press("ArrowDown")  # approve with conditions
    page.keyboard.press("Tab")
    page.keyboard.type("Rapporter publikasjoner årlig.")
    page.locator("#decision-form button[type=submit]").focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    browse.audit()
    browse.screenshot("review-after-decision")
    screening.refresh_from_db()
    assert screening.status == Screening.Status.APPROVED_WITH_CONDITIONS
    history = page.inner_text("#history-title + ol")
    assert "Signering overstyrt" in history
    assert "Rektor er bortreist" in history
