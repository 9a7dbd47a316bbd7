"""The section list and the progress bar follow the answers as they save
themselves, without a reload: a choice that finishes a section ticks it in
the list and moves the bar, and so does a long answer saved while typing."""

from __future__ import annotations

import pytest

from tests import factories
from tests.screening.answers import EXCHANGE

pytestmark = pytest.mark.browser

LINK = "a[href$='/section/collab/']"
COLLAB = f".section-list {LINK}"


def _progress(page) -> int:
    return int(
        page.get_attribute("#section-progress [role=progressbar]", "aria-valuenow")
    )


def _collab_state(page) -> str:
    return page.locator(".section-list li", has=page.locator(LINK)).inner_text()


def test_a_saved_choice_ticks_its_section_and_moves_the_bar(browse):
    owner = factories.researcher(username="forsker")
    answers = {k: v for k, v in EXCHANGE.items() if k != "collab.research_component"}
    screening = factories.ScreeningFactory(
        owner=owner, unit=owner.unit, answers=answers
    )
    page = browse.page
    browse.login("forsker")
    browse.visit(f"/screenings/{screening.pk}/section/collab/")
    before = _progress(page)
    assert "(delvis besvart)" in _collab_state(page)

    page.check('input[name="collab.research_component"][value="yes"]')
    page.locator("#autosave-collab-research-component").filter(
        has_text="Lagret kl."
    ).wait_for()
    page.wait_for_function(
        "before => Number(document.querySelector("
        "'#section-progress [role=progressbar]').getAttribute('aria-valuenow'))"
        " > before",
        arg=before,
    )

    assert page.url.endswith(f"/screenings/{screening.pk}/section/collab/")
    assert "(besvart)" in _collab_state(page)
    assert f"{_progress(page)} % av delene besvart" in page.inner_text(
        "#progress-label"
    )
    assert page.locator(f"{COLLAB}[aria-current=step]").count() == 1
    browse.screenshot("progress-after-choice")
    browse.audit()

    page.check(
        'input[name="collab.research_component"][value="unknown"]'
    )  # still answered
    page.locator("#autosave-collab-research-component").filter(
        has_text="Lagret kl."
    ).wait_for()
    page.wait_for_timeout(300)
    assert "(besvart)" in _collab_state(page)
