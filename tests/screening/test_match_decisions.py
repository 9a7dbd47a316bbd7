"""Named-list candidates in the review: pending matches block approval (not
submission), decisions are kept, and levels follow decisions by themselves."""

from __future__ import annotations

import pytest
from django.core import mail

from agreements import named_lists
from agreements.models import Agreement, PartnerMatch, PartnerMatchDecision
from screening.models import Screening
from tests import factories
from tests.screening import review_support

pytestmark = pytest.mark.django_db


@pytest.fixture
def match(db):
    """A probable candidate nobody has decided on, for a registered partner."""
    partner = factories.PartnerFactory(name="Harbin Engineering University")
    match = factories.PartnerMatchFactory(
        partner=partner,
        score=0.97,
        entry__name="Harbin Engineering University",
        entry__named_list__title="US DoD Section 1286 list",
    )
    named_lists.update_named_list_status(partner)
    return match


def approve(client, screening: Screening):
    return client.post(
        f"/screenings/{screening.pk}/review/decide/",
        {"decision": "approve", "text": ""},
        follow=True,
    )


def decide(client, match: PartnerMatch, decision: str, reason: str = "Checked"):
    return client.post(
        f"/partners/{match.partner_id}/matches/{match.pk}/",
        {"decision": decision, "reason": reason},
    )


def test_a_pending_match_does_not_stop_submission(match):
    screening = review_support.submitted(partner=match.partner)
    assert screening.status == Screening.Status.SUBMITTED


def test_the_summary_names_the_pending_match_in_neutral_words(match, client):
    screening = review_support.draft(partner=match.partner)
    client.force_login(screening.owner)
    page = client.get(f"/screenings/{screening.pk}/summary/").content.decode()
    assert "Mulig treff på US DoD Section 1286 list" in page
    assert "venter på kontaktpunktets vurdering" in page
    assert match.entry.named_list.edition in page


def test_a_pending_match_blocks_approval_even_when_forced(match, client_for):
    screening = review_support.submitted(partner=match.partner)
    client = client_for(factories.contact_point())
    review = client.get(f"/screenings/{screening.pk}/review/").content.decode()
    assert "Kan ikke godkjennes ennå" in review
    assert "US DoD Section 1286 list" in review
    response = approve(client, screening)  # the panel shows it; post it anyway
    screening.refresh_from_db()
    assert screening.status == Screening.Status.SUBMITTED
    assert "venter på din vurdering" in response.content.decode()


def test_deciding_on_the_review_page_returns_there_and_lifts_the_block(
    match, client_for
):
    screening = review_support.submitted(partner=match.partner)
    client = client_for(factories.contact_point())
    response = client.post(
        f"/partners/{match.partner_id}/matches/{match.pk}/",
        {
            "decision": "dismissed",
            "reason": "Different address",
            "next": f"/screenings/{screening.pk}/review/",
        },
    )
    assert response["Location"] == f"/screenings/{screening.pk}/review/"
    approve(client, screening)
    screening.refresh_from_db()
    assert screening.status == Screening.Status.APPROVED


def test_confirm_dismiss_confirm_leaves_three_decisions(match, client_for):
    kari = factories.contact_point(first_name="Kari", last_name="Kontaktpunkt")
    client = client_for(kari)
    decide(client, match, "confirmed", "Same address in Harbin")
    decide(client, match, "dismissed", "Wrong campus after all")
    decide(client, match, "confirmed", "Campus confirmed by phone")
    history = list(
        PartnerMatchDecision.objects.filter(match=match).values_list(
            "status_before", "status", "reason", "decided_by"
        )
    )
    assert history == [
        ("candidate", "confirmed", "Same address in Harbin", kari.pk),
        ("confirmed", "dismissed", "Wrong campus after all", kari.pk),
        ("dismissed", "confirmed", "Campus confirmed by phone", kari.pk),
    ]
    page = client.get(f"/partners/{match.partner_id}/").content.decode()
    for reason in ("Same address in Harbin", "Wrong campus", "Campus confirmed"):
        assert reason in page
    assert match.partner.history.filter(named_list_status="confirmed").count() == 2


def test_a_confirmed_match_moves_the_stored_levels_and_tells_each_once(
    match, client_for, django_capture_on_commit_callbacks
):
    submitted = review_support.submitted(partner=match.partner)
    draft = review_support.draft(partner=match.partner)
    before = (submitted.overall_level, draft.overall_level)
    kari = factories.contact_point(first_name="Kari", last_name="Kontaktpunkt")
    client = client_for(kari)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        decide(client, match, "confirmed", "Same organisation")
    submitted.refresh_from_db()
    draft.refresh_from_db()
    assert submitted.overall_level != before[0]
    assert draft.overall_level != before[1]
    assert sorted(m.to[0] for m in mail.outbox) == sorted(
        [submitted.owner.email, "kontaktpunkt@localhost"]
    )
    page = client.get(f"/screenings/{submitted.pk}/").content.decode()
    assert "Hevet fra" in page
    assert "treff på US DoD Section 1286 list bekreftet av Kari Kontaktpunkt" in page

    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        decide(client, match, "dismissed", "Another campus")
    submitted.refresh_from_db()
    draft.refresh_from_db()
    assert (submitted.overall_level, draft.overall_level) == before
    assert len(mail.outbox) == 2


def test_approval_waits_for_a_proposed_partner_then_carries_it(client):
    china = factories.CountryFactory(iso2="CN")
    researcher = factories.researcher()
    client.force_login(researcher)
    client.post(
        "/screenings/new/",
        {
            "title": "Ocean sensors",
            "proposed_partner_name": "Harbin Ocean Institute",
            "proposed_partner_country": "CN",
            "unit": researcher.unit_id,
            "stage": "new",
            "components": ["joint_research"],
        },
    )
    screening = Screening.objects.get(title="Ocean sensors")
    screening.answers = review_support.answer_everything(screening)
    screening.rescore()
    screening.save()
    review_support.screening_services.submit_screening(screening, by=researcher)
    client.force_login(factories.contact_point())
    review = client.get(f"/screenings/{screening.pk}/review/").content.decode()
    assert f"/partners/{screening.partner_id}/confirm/" in review
    approve(client, screening)
    screening.refresh_from_db()
    assert screening.status == Screening.Status.SUBMITTED
    client.post(
        f"/partners/{screening.partner_id}/confirm/",
        {"next": f"/screenings/{screening.pk}/review/"},
    )
    approve(client, screening)
    screening.refresh_from_db()
    assert screening.status == Screening.Status.APPROVED
    agreement = Agreement.objects.get(pk=screening.agreement_id)
    partners = list(agreement.partners.values_list("name", "country_id"))
    assert partners == [("Harbin Ocean Institute", china.pk)]


def test_a_proposal_can_be_merged_into_an_existing_partner(client_for):
    china = factories.CountryFactory(iso2="CN")
    existing = factories.PartnerFactory(name="Harbin Engineering University")
    existing.country = china
    existing.save()
    screening = factories.ScreeningFactory(
        partner=factories.PartnerFactory(
            name="HEU Harbin", country=china, proposed=True
        )
    )
    proposed = screening.partner
    client = client_for(factories.contact_point())
    client.post(f"/partners/{proposed.pk}/merge/", {"into": existing.pk})
    screening.refresh_from_db()
    assert screening.partner == existing
    assert list(existing.aliases.values_list("name", flat=True)) == ["HEU Harbin"]
    assert not type(proposed).objects.filter(pk=proposed.pk).exists()
