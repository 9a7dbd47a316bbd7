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


def test_contact_point_sees_an_undelivered_email_and_sends_it_again(browse):
    from django.core import mail

    from screening.models import UndeliveredEmail
    from tests.screening.review_support import submitted

    factories.contact_point(username="kontakt")
    screening = submitted()
    failed = UndeliveredEmail.objects.create(
        screening=screening,
        kind=UndeliveredEmail.Kind.DECISION,
        object_id=screening.transitions.get().pk,
        recipients=[screening.owner.email],
        error="SMTPServerDisconnected: Connection unexpectedly closed",
    )
    page = browse.page
    browse.login("kontakt")
    browse.visit("/reviews/")
    box = page.locator("#undelivered-heading").locator("..")
    assert "E-poster som ikke kunne sendes" in box.inner_text()
    assert screening.owner.email in box.inner_text()
    browse.screenshot("undelivered-email")
    mail.outbox.clear()
    box.get_by_role("button", name="Send på nytt").click()
    browse.audit()
    assert "E-posten sendes på nytt" in page.inner_text("main")
    assert page.locator("#undelivered-heading").count() == 0
    assert not UndeliveredEmail.objects.filter(pk=failed.pk).exists()
