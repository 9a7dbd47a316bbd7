"""At 390 px (a phone) no page scrolls sideways, lists are cards with level
and status in view, and the filters wait in a disclosure above the results."""

from __future__ import annotations

import datetime

import pytest

from screening.models import RouteTask, Screening
from tests import factories as f

pytestmark = pytest.mark.browser
PHONE = {"width": 390, "height": 844}
S = Screening.Status


def _data():
    china = f.CountryFactory(
        iso2="CN", name_nb="Kina", name_en="China", tier="T3", af_band="very_low"
    )
    partner = f.PartnerFactory(
        name="Harbin Institute of Technology and Advanced Engineering Sciences",
        country=china,
        named_list_status="candidate",
    )
    soon = datetime.date.today() + datetime.timedelta(days=30)  # noqa: DTZ011
    for n in range(3):
        f.AgreementFactory(
            title=f"Materials for extreme environments and hypersonics {n}",
            partners=[partner],
            end_date=soon,
        )
    researcher = f.researcher(username="forsker")
    for status in (S.SUBMITTED, S.IN_REVIEW, S.DRAFT, S.CHANGES_REQUESTED):
        screening = f.ScreeningFactory(
            owner=researcher,
            partner=partner,
            status=status,
            title="Kvantesensorer for navigasjon i arktiske strøk",
        )
        RouteTask.objects.create(screening=screening, route="R-EC")
    f.contact_point(username="kari")
    f.export_officer(username="erik")
    f.leader(username="lise")


def _no_sideways_scroll(browse, path: str) -> None:
    browse.visit(path)  # also runs axe
    width = browse.page.evaluate("document.scrollingElement.scrollWidth")
    assert width <= PHONE["width"], f"{path} scrolls sideways: {width} px"


@pytest.mark.parametrize(
    ("username", "paths"),
    [
        ("kari", ["/", "/agreements/", "/reviews/", "/screenings/", "/partners/"]),
        ("forsker", ["/", "/screenings/"]),
        ("erik", ["/", "/reviews/?route=export-control"]),
        ("lise", ["/", "/agreements/"]),
    ],
)
def test_no_page_scrolls_sideways_on_a_phone(browse, username, paths):
    _data()
    browse.page.set_viewport_size(PHONE)
    browse.login(username)
    for path in paths:
        _no_sideways_scroll(browse, path)
    browse.screenshot(f"{username}-phone")


def test_a_list_on_a_phone_is_cards_with_level_and_status_in_view(browse):
    _data()
    page = browse.page
    page.set_viewport_size(PHONE)
    browse.login("kari")

    browse.visit("/reviews/")
    card = page.locator("table.review-queue tbody tr").first
    level = card.locator(".level-badge")
    status = card.locator("td.stack-key").nth(1)
    box = card.bounding_box()
    assert box["width"] <= PHONE["width"]
    for cell in (level, status):
        shown = cell.bounding_box()
        assert shown["x"] >= 0
        assert shown["x"] + shown["width"] <= PHONE["width"]
    assert status.get_attribute("data-label") == "Status"

    filters = page.locator("details.filter-panel")
    assert filters.get_attribute("open") is None  # folded on a phone
    assert filters.bounding_box()["y"] < card.bounding_box()["y"]
    page.click("details.filter-panel > summary")
    page.select_option("#f-level", "incomplete")
    page.click("form.review-filters button[type=submit]")
    page.wait_for_load_state("load")
    assert "level=incomplete" in page.url
    assert page.locator("details.filter-panel").get_attribute("open") is not None
    browse.audit()


def test_on_a_wide_screen_the_queue_filters_start_open(browse):
    _data()
    browse.login("kari")
    browse.visit("/reviews/")
    assert browse.page.locator("details.filter-panel").get_attribute("open") == ""
