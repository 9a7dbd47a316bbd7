"""The paginated review queue in the browser: pages, filters kept, menu state."""

from __future__ import annotations

import pytest
from django.utils import timezone

from screening.models import Screening
from tests import factories

pytestmark = pytest.mark.browser


def test_queue_pages_keep_the_filter_and_the_review_page_stays_in_the_queue(browse):
    factories.contact_point(username="kontakt")
    owner = factories.researcher(language="nb")
    partner = factories.PartnerFactory()
    factories.ScreeningFactory.create_batch(
        53,
        owner=owner,
        partner=partner,
        status=Screening.Status.SUBMITTED,
        submitted_at=timezone.now(),
    )
    page = browse.page
    browse.login("kontakt")
    browse.visit("/reviews/?level=incomplete")
    assert page.locator("table.review-queue tbody tr").count() == 50
    assert "53 vurderinger" in page.inner_text("caption")
    browse.screenshot("queue-page-1")

    page.click("nav[aria-label='Sider'] >> text=Neste")
    browse.audit()
    assert "level=incomplete" in page.url
    assert "page=2" in page.url
    assert page.locator("table.review-queue tbody tr").count() == 3
    assert page.locator("#f-level").input_value() == "incomplete"
    browse.screenshot("queue-page-2")

    page.locator("table.review-queue tbody a").first.click()
    browse.audit()
    current = page.locator("nav a[aria-current='page']")
    assert current.get_attribute("href") == "/reviews/"
    browse.screenshot("review-page")
