"""The review page of one screening: what changed, and where it sits in the menu."""

from __future__ import annotations

import re

import pytest

from screening.models import Screening
from screening.services import reviews
from screening.services import screenings as screening_services
from tests.screening.review_support import submitted

S = Screening.Status
CHANGED_NOTICE = "er merket «Endret»"
pytestmark = pytest.mark.django_db


def resubmitted_with_one_change(contact_point) -> Screening:
    screening = submitted()
    reviews.request_changes(screening, by=contact_point, reason="Say more")
    screening.refresh_from_db()
    key = next(k for k, v in screening.answers.items() if v == "As planned.")
    screening.answers = {**screening.answers, key: "Revised: the faculty pays."}
    screening.rescore()
    screening.save()
    screening_services.submit_screening(screening, by=screening.owner)
    screening.refresh_from_db()
    return screening


@pytest.mark.parametrize(
    ("decision", "text"),
    [
        ("approve", ""),
        ("approve_with_conditions", "Report yearly"),
        ("reject", "No"),
        ("request_changes", "Say more"),
    ],
)
def test_a_decision_on_a_first_submission_shows_no_changed_answers(
    client_for, contact_point, decision, text
):
    screening = submitted()
    response = client_for(contact_point).post(
        f"/screenings/{screening.pk}/review/decide/",
        {"decision": decision, "text": text, "confirm_reject": "on"},
        follow=True,
    )
    body = response.content.decode()
    screening.refresh_from_db()
    assert screening.status != S.SUBMITTED
    assert CHANGED_NOTICE not in body
    assert "review-answer-changed" not in body


def test_after_deciding_a_resubmission_its_changes_stay_marked(
    client_for, contact_point
):
    screening = resubmitted_with_one_change(contact_point)
    client = client_for(contact_point)
    client.post(
        f"/screenings/{screening.pk}/review/decide/",
        {"decision": "approve", "text": ""},
    )
    body = client.get(f"/screenings/{screening.pk}/review/").content.decode()
    assert CHANGED_NOTICE in body
    assert body.count("review-answer-changed") == 1
    assert "Revised: the faculty pays." in body


def test_a_resubmission_without_changes_says_so(client_for, contact_point):
    screening = submitted()
    reviews.request_changes(screening, by=contact_point, reason="Check again")
    screening_services.submit_screening(screening, by=screening.owner)
    body = client_for(contact_point).get(f"/screenings/{screening.pk}/review/")
    body = body.content.decode()
    assert CHANGED_NOTICE not in body
    assert "Ingen svar er endret siden innsendingen" in body


def current_nav_link(body: str) -> str:
    (href,) = re.findall(r'aria-current="page" href="([^"]+)"', body)
    return href


def test_review_page_counts_as_the_queue_in_the_menu(
    client_for, contact_point, export_officer, leader
):
    screening = submitted()
    url = f"/screenings/{screening.pk}/review/"
    for reviewer in (contact_point, export_officer):
        body = client_for(reviewer).get(url).content.decode()
        assert current_nav_link(body) == "/reviews/"
    # Leadership has no queue: the page stays under the screenings.
    assert current_nav_link(client_for(leader).get(url).content.decode()) == (
        "/screenings/"
    )
    own = client_for(screening.owner).get(f"/screenings/{screening.pk}/")
    assert current_nav_link(own.content.decode()) == "/screenings/"
