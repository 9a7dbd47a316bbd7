"""The administrator's Django admin: every register opens, lists and searches."""

from __future__ import annotations

import pytest

from tests import factories

CHANGELISTS = [
    "/admin/agreements/agreement/",
    "/admin/agreements/partner/",
    "/admin/agreements/namedlist/",
    "/admin/agreements/namedlistentry/",
    "/admin/agreements/partnermatch/",
    "/admin/agreements/unit/",
    "/admin/agreements/user/",
    "/admin/countries/country/",
    "/admin/screening/screening/",
]


@pytest.fixture
def admin_client_with_data(client, db):
    admin = factories.UserFactory(is_staff=True, is_superuser=True)
    match = factories.PartnerMatchFactory(partner__name="Harbin Example Institute")
    factories.PartnerAliasFactory(partner=match.partner, name="HEI")
    agreement = factories.AgreementFactory(title="Harbin Example agreement")
    agreement.partners.add(match.partner)
    client.force_login(admin)
    return client


def test_admin_index_lists_the_register_and_named_lists(admin_client_with_data):
    response = admin_client_with_data.get("/admin/")

    for url in CHANGELISTS:
        assert url.encode() in response.content


@pytest.mark.parametrize("url", CHANGELISTS)
def test_every_changelist_opens_and_searches(admin_client_with_data, url):
    assert admin_client_with_data.get(url).status_code == 200
    assert admin_client_with_data.get(url, {"q": "Harbin"}).status_code == 200


def test_partner_search_finds_an_alias(admin_client_with_data):
    response = admin_client_with_data.get("/admin/agreements/partner/", {"q": "HEI"})

    assert b"Harbin Example Institute" in response.content


def test_agreement_and_match_change_pages_open(admin_client_with_data):
    from agreements.models import Agreement, PartnerMatch

    agreement = Agreement.objects.get()
    match = PartnerMatch.objects.get()

    assert (
        admin_client_with_data.get(
            f"/admin/agreements/agreement/{agreement.pk}/change/"
        ).status_code
        == 200
    )
    assert (
        admin_client_with_data.get(
            f"/admin/agreements/partnermatch/{match.pk}/change/"
        ).status_code
        == 200
    )
