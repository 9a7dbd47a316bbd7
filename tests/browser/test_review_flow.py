"""The whole review loop in the browser, for every role that takes part."""

from __future__ import annotations

import pytest

from screening.models import Screening
from screening.progress import METADATA_SECTIONS
from tests import factories
from tests.screening.review_support import draft

pytestmark = pytest.mark.browser


def _logout(browse):
    browse.page.click(".account-menu .dropdown-toggle")
    browse.page.click('form[action="/accounts/logout/"] button')
    browse.page.wait_for_load_state("load")


def test_submit_comment_revise_clear_and_approve(browse):
    unit = factories.UnitFactory(name="Institutt for kybernetikk")
    forsker = factories.researcher(username="forsker", unit=unit, language="nb")
    factories.contact_point(username="kontakt")
    factories.export_officer(username="eksport")
    screening = draft(forsker, export=True, title="Dronesensorer med partner")
    q = screening.questionnaire
    key = next(
        k
        for k, v in screening.answers.items()
        if v == "As planned." and q.question(k).section not in METADATA_SECTIONS
    )
    section = q.question(key).section
    page = browse.page

    # forsker submits a screening that routes to export control.
    browse.login("forsker")
    browse.visit(f"/screenings/{screening.pk}/summary/")
    for area in page.locator(".mitigation textarea").all():
        area.fill("Vi avklarer eksportkontroll før avtalen signeres.")
    page.click("button[value=submit]")
    browse.audit()
    screening.refresh_from_db()
    assert screening.status == Screening.Status.SUBMITTED
    assert screening.route_tasks.filter(route="R-EC", status="open").exists()
    _logout(browse)

    # kontakt finds it first in the queue, comments on an answer, asks for changes.
    browse.login("kontakt")
    browse.visit("/reviews/")
    browse.screenshot("queue")
    page.click("table a:has-text('Dronesensorer med partner')")
    browse.audit()
    assert page.locator(".route-badge.route-open").count() >= 1
    browse.screenshot("review-page")
    answer = page.locator(f"#a-{key.replace('.', '')}")
    if not answer.is_visible():  # sections that add no points start folded
        page.locator("details.review-section", has=answer).locator(
            "summary"
        ).first.click()
    answer.locator(".review-comment-form summary").click()
    answer.locator("textarea").fill("Beskriv hvem som får tilgang til måledataene.")
    answer.locator(".review-comment-form button[type=submit]").click()
    browse.audit()
    assert "Beskriv hvem som får tilgang" in page.inner_text("main")
    page.check("input[name=decision][value=request_changes]")
    page.fill("#id_text", "Svar på kommentaren om måledata.")
    page.click("#decision-form button[type=submit]")
    browse.audit()
    screening.refresh_from_db()
    assert screening.status == Screening.Status.CHANGES_REQUESTED
    _logout(browse)

    # forsker reads the comment next to the question, revises and resubmits.
    browse.login("forsker")
    browse.visit(f"/screenings/{screening.pk}/")
    assert "Svar på kommentaren om måledata." in page.inner_text("main")
    browse.screenshot("changes-requested")
    browse.visit(f"/screenings/{screening.pk}/section/{section}/")
    assert "Beskriv hvem som får tilgang" in page.inner_text("main")
    browse.screenshot("section-with-comment")
    page.fill(f'textarea[name="{key}"]', "Bare prosjektgruppen i Trondheim.")
    page.click("button[value=leave]")
    browse.audit()
    browse.visit(f"/screenings/{screening.pk}/summary/")
    page.click("button[value=submit]")
    browse.audit()
    screening.refresh_from_db()
    assert screening.status == Screening.Status.SUBMITTED
    _logout(browse)

    # eksport clears the export-control route from their queue.
    browse.login("eksport")
    browse.visit("/reviews/?route=export-control")
    page.click("table a:has-text('Dronesensorer med partner')")
    browse.audit()
    task = screening.route_tasks.get(route="R-EC")
    page.check(f"input[name=t{task.pk}-outcome][value=cleared]")
    page.fill(f"#id_t{task.pk}-reference", "DEKSA 2026/0412")
    browse.screenshot("export-control")
    page.click(f"#route-{task.pk} button[type=submit]")
    browse.audit()
    task.refresh_from_db()
    assert task.status == "cleared"
    _logout(browse)

    # kontakt sees what changed and approves with conditions.
    browse.login("kontakt")
    browse.visit(f"/screenings/{screening.pk}/review/")
    assert page.locator(".review-answer-changed").count() == 1
    page.check("input[name=decision][value=approve_with_conditions]")
    page.fill("#id_text", "Eksportlisens er ikke nødvendig; rapporter årlig.")
    page.click("#decision-form button[type=submit]")
    browse.audit()
    browse.screenshot("approved")
    screening.refresh_from_db()
    assert screening.status == Screening.Status.APPROVED_WITH_CONDITIONS
    assert screening.agreement is not None
    _logout(browse)

    # forsker sees the decision and the conditions.
    browse.login("forsker")
    browse.visit(f"/screenings/{screening.pk}/")
    text = page.inner_text(".review-status")
    assert "Godkjent med vilkår" in text
    assert "rapporter årlig" in text
    browse.screenshot("decision-seen")
