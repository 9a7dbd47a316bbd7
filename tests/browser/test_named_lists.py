"""The contact point adjudicates named-list candidates of a demo partner."""

from __future__ import annotations

import pytest

from agreements import named_lists
from agreements.models import Partner, PartnerMatch
from tests import factories as f
from tools.demo import people as demo

pytestmark = pytest.mark.browser


def test_contact_point_confirms_one_candidate_and_dismisses_another(browse):
    f.contact_point(username="kontakt")
    demo.seed_register(demo.seed_units())
    named_lists.seed_named_lists()
    nudt = Partner.objects.get(name="National University of Defense Technology")
    browse.login("kontakt")
    browse.page.context.add_cookies(
        [{"name": "django_language", "value": "en", "url": browse.base_url}]
    )
    browse.visit(f"/partners/{nudt.pk}/")
    browse.screenshot("candidates")
    page = browse.page
    assert page.is_visible("text=Named-list matches")
    assert page.is_visible("text=Probable match awaiting the contact point's decision")

    same = PartnerMatch.objects.get(
        partner=nudt,
        entry__name="National University of Defense Technology",
        entry__named_list__key="ca_nro",
    )
    other = PartnerMatch.objects.get(
        partner=nudt,
        entry__name="National Defense University",
        entry__named_list__key="ca_nro",
    )
    page.fill(f"#reason-{same.pk}", "Same institution: Changsha, PLA")
    page.click(f"#match-{same.pk} button[value=confirmed]")
    browse.audit()
    assert page.is_visible("text=Match confirmed: the partner is flagged.")

    page.fill(
        f"#reason-{other.pk}", "Different institution (Beijing), not this partner"
    )
    page.click(f"#match-{other.pk} button[value=dismissed]")
    browse.audit()
    browse.screenshot("decided")
    assert page.is_visible("text=Candidate dismissed.")
    assert page.is_visible("text=Confirmed match on a named list")

    same.refresh_from_db()
    other.refresh_from_db()
    nudt.refresh_from_db()
    assert (same.status, other.status) == ("confirmed", "dismissed")
    assert nudt.named_list_status == "confirmed"
    assert other.reason == "Different institution (Beijing), not this partner"

    browse.visit("/partners/")  # the register's flag
    assert page.is_visible("text=Confirmed match")

    fragment = page.request.get(
        browse.base_url + "/partners/check/?name=Harbin+Inst.+of+Technology&country=CN"
    )  # an htmx fragment, not a page: no axe audit
    assert "the contact point will assess it" in fragment.text()


def test_a_researcher_proposing_a_chinese_name_sees_the_listed_university(browse):
    f.researcher(username="forsker")
    f.CountryFactory(iso2="CN")
    named_lists.import_named_list(
        key="ca_nro",
        data=b"name,aliases,country_iso2\nHarbin Institute of Technology,HIT,CN\n",
        title="Named Research Organizations",
    )
    browse.login("forsker")
    browse.visit("/screenings/new/")
    page = browse.page
    page.click("#partner-fieldset summary")
    page.fill("#id_proposed_partner_name", "哈尔滨工业大学（深圳）")  # noqa: RUF001
    page.dispatch_event("#id_proposed_partner_name", "change")
    page.wait_for_selector("#partner-check .alert-warning")
    browse.screenshot("chinese-name")
    text = page.inner_text("#partner-check")
    assert "Harbin Institute of Technology" in text
    assert "et navn lagt til av prosjektet" in text
