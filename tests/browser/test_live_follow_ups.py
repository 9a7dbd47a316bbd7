"""A follow-up question appears the moment its trigger answer is chosen and goes
when the answer changes back, without leaving the section; the summary lists
what is still missing, each item leading to its question."""

from __future__ import annotations

import pytest

from tests import factories

pytestmark = pytest.mark.browser

FOLLOW_UP = "#q-collab-signing-level"


def test_a_follow_up_comes_and_goes_with_its_trigger_answer(browse):
    owner = factories.researcher(username="forsker")
    screening = factories.ScreeningFactory(
        owner=owner,
        unit=owner.unit,
        answers={"collab.components": ["joint_research"], "case.stage": "new"},
    )
    page = browse.page
    browse.login("forsker")
    browse.visit(f"/screenings/{screening.pk}/section/collab/")
    assert page.locator(FOLLOW_UP).count() == 0
    page.fill('textarea[name="collab.reflection"]', "Vi deler et laboratorium")

    page.check('input[name="collab.agreement_status"][value="signed"]')
    page.locator(FOLLOW_UP).wait_for(state="visible")
    assert page.url.endswith(f"/screenings/{screening.pk}/section/collab/")
    assert page.input_value('textarea[name="collab.reflection"]') == (
        "Vi deler et laboratorium"
    )
    assert page.is_checked('input[name="collab.agreement_status"][value="signed"]')
    # the new question follows its trigger in the page order
    order = page.eval_on_selector_all(
        "#section-questions > .question", "els => els.map(e => e.id)"
    )
    assert order.index("q-collab-signing-level") == (
        order.index("q-collab-agreement-status") + 1
    )
    assert "Nytt spørsmål: På hvilket nivå" in page.inner_text("#questions-news")
    browse.screenshot("follow-up-shown")
    browse.audit()

    page.check('input[name="collab.agreement_status"][value="none_planned"]')
    page.locator(FOLLOW_UP).wait_for(state="detached")
    assert page.input_value('textarea[name="collab.reflection"]') == (
        "Vi deler et laboratorium"
    )

    page.check('input[name="collab.agreement_status"][value="in_preparation"]')
    page.locator(FOLLOW_UP).wait_for(state="visible")
    page.check(f"{FOLLOW_UP} input[type=radio] >> nth=0")
    with page.expect_navigation():
        page.click('button[name="go"][value="next"]')
    assert "/section/partner/" in page.url  # the follow-up was on the page: go on
    screening.refresh_from_db()
    assert screening.answers["collab.agreement_status"] == "in_preparation"
    assert "collab.signing_level" in screening.answers


def test_the_summary_lists_what_is_missing_with_links_to_the_questions(browse):
    owner = factories.researcher(username="forsker")
    screening = factories.ScreeningFactory(
        owner=owner,
        unit=owner.unit,
        answers={"collab.components": ["joint_research"], "case.stage": "new"},
    )
    page = browse.page
    browse.login("forsker")
    browse.visit(f"/screenings/{screening.pk}/summary/")
    box = page.locator("section[aria-labelledby=blocking-title]")
    assert box.is_visible()
    assert page.is_disabled('button[name="go"][value="submit"]')
    link = box.get_by_role("link", name="Finnes det, eller kommer det, en skriftlig")
    link.click()
    page.wait_for_load_state("load")
    assert page.url.endswith(
        f"/screenings/{screening.pk}/section/collab/#q-collab-agreement-status"
    )
    assert page.locator("#q-collab-agreement-status").is_visible()
    browse.audit()


def test_a_choice_saves_itself_and_leaving_unsaved_text_asks_first(browse):
    owner = factories.researcher(username="forsker")
    screening = factories.ScreeningFactory(
        owner=owner,
        unit=owner.unit,
        answers={"collab.components": ["joint_research"], "case.stage": "new"},
    )
    page = browse.page
    browse.login("forsker")
    browse.visit(f"/screenings/{screening.pk}/section/collab/")
    page.check('input[name="collab.balance"][value="partly"]')
    status = page.locator("#autosave-collab-balance")
    status.filter(has_text="Lagret kl.").wait_for()
    screening.refresh_from_db()
    assert screening.answers["collab.balance"] == "partly"
    page.check('input[name="collab.balance"][value="yes"]')  # a second save
    status.filter(has_text="Lagret kl.").wait_for()
    page.wait_for_timeout(300)
    screening.refresh_from_db()
    assert screening.answers["collab.balance"] == "yes"
    browse.screenshot("choice-saved")
    browse.audit()

    # all saved: reloading asks nothing and keeps the choice
    asked: list[str] = []

    def dismiss(dialog):
        asked.append(dialog.type)
        dialog.dismiss()

    page.on("dialog", dismiss)
    page.reload()
    assert asked == []
    assert page.is_checked('input[name="collab.balance"][value="yes"]')

    # text typed and not yet saved: leaving asks, and staying keeps the text
    page.locator('textarea[name="collab.reflection"]').press_sequentially("Utkast")
    page.click("nav a[href$='/section/partner/']", no_wait_after=True)
    page.wait_for_timeout(500)
    assert asked == ["beforeunload"]
    assert page.url.endswith("/section/collab/")
    assert page.input_value('textarea[name="collab.reflection"]') == "Utkast"

    # after Save the page leaves without asking
    with page.expect_navigation():
        page.click('button[name="go"][value="next"]')
    assert asked == ["beforeunload"]
    assert "/section/partner/" in page.url
