"""The partner picker's search and the forms that use it."""

from __future__ import annotations

from agreements.models import Partner
from tests import factories as f


def test_the_search_finds_names_and_aliases_as_options(client_for, researcher):
    uppsala = f.PartnerFactory(name="Uppsala universitet")
    f.PartnerAliasFactory(partner=uppsala, name="UU")
    f.PartnerFactory(name="Lunds universitet")
    client = client_for(researcher)

    by_alias = client.get("/partners/search/?partner_query=uu&listbox=x-list")
    page = by_alias.content.decode()

    assert page.count('role="option"') == 1
    assert f'id="x-list-{uppsala.pk}"' in page
    assert f'data-value="{uppsala.pk}"' in page


def test_the_search_offers_a_proposal_only_when_asked(client_for, researcher):
    client = client_for(researcher)

    plain = client.get("/partners/search/?partner_query=Tohoku").content.decode()
    offered = client.get(
        "/partners/search/?partner_query=Tohoku&propose=1"
    ).content.decode()

    assert "Foreslå" not in plain
    assert "Ingen partner i registeret passer." in plain
    assert "Foreslå en ny partner: «Tohoku»" in offered


def test_the_listbox_id_and_the_query_cannot_inject_markup(client_for, researcher):
    f.PartnerFactory(name="Evil <b>Uni</b>")
    page = (
        client_for(researcher)
        .get('/partners/search/?partner_query=<b>&listbox="><script>&propose=1')
        .content.decode()
    )

    assert "<script>" not in page
    assert "<b>" not in page
    assert 'id="partner-listbox-' in page


def test_the_agreement_form_renders_only_the_chosen_partners(client_for, contact_point):
    chosen = f.PartnerFactory(name="Lunds universitet")
    f.PartnerFactory.create_batch(5)
    agreement = f.AgreementFactory(partners=[chosen])

    page = client_for(contact_point).get(f"/agreements/{agreement.pk}/edit/")
    html = page.content.decode()

    assert 'role="combobox"' in html
    assert f'name="partners" value="{chosen.pk}"' in html
    assert html.count(' name="partners"') == 1  # one hidden input, no <option>s
    assert "<select" not in html.split('id="id_partners"')[0][-300:]


def test_a_parent_organisation_is_chosen_with_the_picker(client_for, contact_point):
    parent = f.PartnerFactory(name="Chinese Academy of Sciences")
    child = f.PartnerFactory(name="Institute of Physics")
    client = client_for(contact_point)

    form = client.get(f"/partners/{child.pk}/edit/").content.decode()
    client.post(
        f"/partners/{child.pk}/edit/",
        {
            "name": child.name,
            "kind": child.kind,
            "country": child.country_id,
            "parent": parent.pk,
            "partner_query": "",
        },
    )

    assert 'id="id_parent"' in form
    assert 'role="combobox"' in form
    assert Partner.objects.get(pk=child.pk).parent == parent
