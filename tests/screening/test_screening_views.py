"""The screening pages through literal URLs, including every kind of bad input."""

from __future__ import annotations

import json

import pytest

from screening.models import Screening
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft(researcher):
    return factories.ScreeningFactory(
        owner=researcher,
        unit=researcher.unit,
        answers={"collab.components": ["joint_research"], "case.stage": "new"},
    )


def test_starting_a_screening_leads_to_the_first_section(client_for, researcher):
    partner = factories.PartnerFactory(name="Universitetet i Uppsala")
    client = client_for(researcher)
    page = client.get("/screenings/new/")
    assert "Uppsala" not in page.content.decode()
    found = client.get("/partners/search/?partner_query=uppsala")
    assert f'data-value="{partner.pk}"' in found.content.decode()
    response = client.post(
        "/screenings/new/",
        {
            "title": "Feltkurs",
            "partner": partner.pk,
            "components": ["joint_research", "data_sharing"],
            "unit": researcher.unit_id,
            "stage": "new",
            "period_start": "2026-03-01",
            "period_end": "2027-03-01",
        },
    )
    screening = Screening.objects.get(owner=researcher)
    assert response.status_code == 302
    assert response["Location"].startswith(f"/screenings/{screening.pk}/section/")
    assert screening.country == partner.country


def test_a_new_partner_can_be_proposed(client_for, researcher):
    country = factories.CountryFactory(iso2="SE")
    response = client_for(researcher).post(
        "/screenings/new/",
        {
            "title": "Gjesteforsker",
            "proposed_partner_name": "Nytt institutt",
            "proposed_partner_country": "SE",
            "proposed_partner_website": "example.se",
            "components": ["guests_in"],
            "unit": researcher.unit_id,
            "stage": "new",
        },
    )
    assert response.status_code == 302
    screening = Screening.objects.get(owner=researcher)
    assert screening.partner_name == "Nytt institutt"
    assert screening.country == country
    # The proposal is a Partner at once, marked proposed, with its website.
    assert screening.partner.proposed
    assert screening.partner.website == "https://example.se"


def test_the_new_form_names_what_is_missing(client_for, researcher):
    response = client_for(researcher).post(
        "/screenings/new/",
        {
            "title": "",
            "components": ["nonsense"],
            "unit": researcher.unit_id,
            "stage": "new",
            "period_start": "2026-02-30",
        },
    )
    assert response.status_code == 200
    form = response.context["form"]
    assert {"title", "components", "proposed_partner_name", "period_start"} <= set(
        form.errors
    )
    assert not Screening.objects.exists()


def _post_section(client, screening, key, data, revision=None):
    payload = {"revision": revision or screening.revision, "go": "next", **data}
    return client.post(f"/screenings/{screening.pk}/section/{key}/", payload)


def test_a_section_saves_and_moves_on(client_for, researcher, draft):
    response = _post_section(
        client_for(researcher),
        draft,
        "collab",
        {"collab.anchored": "yes", "collab.agreement_status": "signed"},
    )
    assert response.status_code == 302
    assert response["Location"] == f"/screenings/{draft.pk}/section/partner/"
    draft.refresh_from_db()
    assert draft.answers["collab.anchored"] == "yes"


def test_save_and_leave_goes_back_to_the_list(client_for, researcher, draft):
    response = _post_section(
        client_for(researcher),
        draft,
        "collab",
        {"collab.anchored": "no", "go": "leave"},
    )
    assert response["Location"] == "/screenings/"


def test_bad_input_keeps_the_valid_answers(client_for, researcher, draft):
    response = _post_section(
        client_for(researcher),
        draft,
        "collab",
        {
            "collab.anchored": "yes",
            "collab.balance": "maybe-later",
            "collab.reflection": "x" * 5000,
            "collab.signing_level": "individual",  # hidden: no agreement yet
            "forged.key": "1",
        },
    )
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert set(errors) == {"collab.balance", "collab.reflection"}
    draft.refresh_from_db()
    assert draft.answers["collab.anchored"] == "yes"
    assert "collab.signing_level" not in draft.answers
    assert "forged.key" not in draft.answers


def test_an_invalid_date_is_an_error_and_the_rest_is_kept(client_for, researcher):
    partner = factories.PartnerFactory()
    response = client_for(researcher).post(
        "/screenings/new/",
        {
            "title": "Sommerskole",
            "partner": partner.pk,
            "components": ["students_out"],
            "unit": researcher.unit_id,
            "stage": "new",
            "period_start": "2026-13-45",
        },
    )
    assert response.status_code == 200
    assert list(response.context["form"].errors) == ["period_start"]
    page = response.content.decode()
    assert 'value="Sommerskole"' in page
    assert f'name="partner" value="{partner.pk}"' in page  # still chosen


def test_unknown_section_and_other_peoples_screenings_are_404(client_for, draft):
    stranger = client_for(factories.researcher())
    owner_client = client_for(draft.owner)
    assert owner_client.get(f"/screenings/{draft.pk}/section/nope/").status_code == 404
    assert owner_client.post(f"/screenings/{draft.pk}/section/case/").status_code == 404
    stranger = client_for(factories.researcher())
    assert stranger.get(f"/screenings/{draft.pk}/").status_code == 404
    assert (
        _post_section(stranger, draft, "collab", {"collab.anchored": "no"}).status_code
        == 404
    )


def test_two_tabs_never_silently_overwrite(client_for, researcher, draft):
    client = client_for(researcher)
    rendered = draft.revision
    original = {"_orig.collab.anchored": json.dumps("")}
    _post_section(
        client, draft, "collab", {"collab.anchored": "yes", **original}, rendered
    )
    response = _post_section(
        client, draft, "collab", {"collab.anchored": "no", **original}, rendered
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "conflict-note" in page
    draft.refresh_from_db()
    assert draft.answers["collab.anchored"] == "yes"


def test_autosave_stores_long_text(client_for, researcher, draft):
    response = client_for(researcher).post(
        f"/screenings/{draft.pk}/section/collab/autosave/",
        {"collab.reflection": "Vi deler verdier.", "_orig.collab.reflection": '""'},
    )
    assert response.status_code == 200
    assert 'hx-swap-oob="true"' in response.content.decode()
    draft.refresh_from_db()
    assert draft.answers["collab.reflection"] == "Vi deler verdier."


def test_an_expired_session_keeps_what_was_typed(client, researcher, draft):
    response = _post_section(
        client, draft, "collab", {"collab.reflection": "Mine tanker"}
    )
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
    client.force_login(researcher)
    page = client.get(f"/screenings/{draft.pk}/section/collab/")
    assert "Mine tanker" in page.content.decode()
    draft.refresh_from_db()
    assert "collab.reflection" not in draft.answers


def test_the_summary_explains_and_blocks_submit(client_for, researcher, draft):
    client = client_for(researcher)
    page = client.get(f"/screenings/{draft.pk}/summary/").content.decode()
    assert "level-badge" in page
    assert 'id="submit-reason"' in page
    response = client.post(f"/screenings/{draft.pk}/summary/", {"go": "submit"})
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.status == Screening.Status.DRAFT


def test_the_list_filters_and_keeps_a_constant_query_count(
    client_for, researcher, django_assert_max_num_queries
):
    for _ in range(3):
        factories.ScreeningFactory(owner=researcher, unit=researcher.unit)
    client = client_for(researcher)
    client.get("/screenings/")
    with django_assert_max_num_queries(8):
        page = client.get("/screenings/?status=draft")
    assert len(page.context["page"].object_list) == 3
    for _ in range(5):
        factories.ScreeningFactory(owner=researcher, unit=researcher.unit)
    with django_assert_max_num_queries(8):
        client.get("/screenings/?status=draft")
    assert not client.get("/screenings/?status=submitted").context["page"].object_list
