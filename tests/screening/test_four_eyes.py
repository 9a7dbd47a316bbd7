"""Four-eyes: whoever wrote or submitted a screening cannot review it, unless
the administrator allows it for a one-person office (and then it is recorded)."""

from __future__ import annotations

import pytest
from django.contrib.admin.sites import site
from django.test import RequestFactory

from agreements.models import InstitutionSettings
from screening.models import Screening, Transition
from screening.services import reviews
from tests import factories
from tests.screening.review_support import draft, submitted

S = Screening.Status
pytestmark = pytest.mark.django_db
VERY_HIGH = {"partner.military_links": "direct"}


def forced_posts(screening: Screening) -> dict[str, dict[str, str]]:
    lead = screening.route_tasks.get(route="R-LEAD")
    return {
        "review/start/": {},
        "review/decide/": {"decision": "approve", "text": ""},
        "review/route/": {"comment": "Please look"},
        f"review/routes/{lead.pk}/": {f"t{lead.pk}-reference": "Own"},
        "review/override/": {"override-reason": "I trust myself"},
    }


def assert_untouched(client, screening: Screening) -> None:
    steps = screening.transitions.count()
    for path, data in forced_posts(screening).items():
        response = client.post(f"/screenings/{screening.pk}/{path}", data)
        assert response.status_code == 403, path
    screening.refresh_from_db()
    assert screening.status == S.SUBMITTED
    assert screening.transitions.count() == steps
    assert not screening.route_tasks.exclude(status="open").exists()


def test_the_owner_cannot_review_their_own_screening(client_for):
    author = factories.contact_point()
    screening = submitted(author, export=True, overrides=VERY_HIGH)
    client = client_for(author)
    page = client.get(f"/screenings/{screening.pk}/review/").content.decode()
    assert "et annet kontaktpunkt må behandle" in page
    assert 'id="decision-form"' not in page
    assert_untouched(client, screening)


def test_a_co_author_or_the_submitter_cannot_review_it(client_for):
    co_author = factories.contact_point()
    submitter = factories.contact_point()
    screening = draft(export=True, overrides=VERY_HIGH)
    screening.co_authors.add(co_author, submitter)
    from screening.services import screenings as screening_services

    screening_services.submit_screening(screening, by=submitter)
    screening.co_authors.remove(submitter)  # still the one who submitted it
    for person in (co_author, submitter):
        assert_untouched(client_for(person), screening)


def test_an_export_officer_cannot_clear_a_screening_they_co_wrote(client_for):
    officer = factories.export_officer()
    screening = draft(export=True)
    screening.co_authors.add(officer)
    from screening.services import screenings as screening_services

    screening_services.submit_screening(screening, by=screening.owner)
    task = screening.route_tasks.get(route="R-EC")
    response = client_for(officer).post(
        f"/screenings/{screening.pk}/review/routes/{task.pk}/",
        {f"t{task.pk}-outcome": "cleared", f"t{task.pk}-reference": "Mine"},
    )
    assert response.status_code == 403
    task.refresh_from_db()
    assert task.is_open
    with pytest.raises(reviews.OwnCase):
        reviews.record_export_control(
            task, by=officer, licence_required=False, reference="Mine"
        )


def test_a_one_person_office_may_review_its_own_and_it_is_recorded(client_for):
    InstitutionSettings(allow_own_review=True).save()
    author = factories.contact_point()
    screening = submitted(author)
    client = client_for(author)
    page = client.get(f"/screenings/{screening.pk}/review/").content.decode()
    assert 'id="decision-form"' in page
    client.post(
        f"/screenings/{screening.pk}/review/decide/",
        {"decision": "approve", "text": ""},
    )
    screening.refresh_from_db()
    assert screening.status == S.APPROVED
    own = screening.transitions.get(action=Transition.Action.OWN_CASE)
    assert own.actor == author
    page = client.get(f"/screenings/{screening.pk}/review/").content.decode()
    assert "Behandlet av egen forfatter (enpersonskontor)" in page


def test_only_the_administrator_can_allow_own_reviews(client_for, contact_point):
    client_for(contact_point).post(
        "/settings/", {"default_language": "nb", "allow_own_review": "on"}
    )
    assert not InstitutionSettings.current().allow_own_review
    admin = site._registry[InstitutionSettings]
    staff = factories.contact_point(is_staff=True)
    request = RequestFactory().get("/")
    request.user = staff
    assert "allow_own_review" in admin.get_readonly_fields(request)
    request.user = factories.UserFactory(is_staff=True, is_superuser=True)
    assert "allow_own_review" not in admin.get_readonly_fields(request)


def test_another_contact_point_reviews_as_before(client_for):
    screening = submitted(factories.contact_point())
    other = factories.contact_point()
    client_for(other).post(
        f"/screenings/{screening.pk}/review/decide/",
        {"decision": "approve", "text": ""},
    )
    screening.refresh_from_db()
    assert screening.status == S.APPROVED
    assert not screening.transitions.filter(action="own_case").exists()
