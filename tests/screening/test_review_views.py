"""The queue and the review page, driven through their URLs."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from screening.models import Comment, Screening
from screening.services import reviews
from tests import factories
from tests.screening.review_support import submitted

S = Screening.Status
pytestmark = pytest.mark.django_db


def test_queue_orders_by_level_then_age_and_marks_waiting(
    client_for, contact_point, settings
):
    settings.REVIEW_WAITING_DAYS = 14
    low = submitted(title="Exchange Lund")
    high = submitted(export=True, title="Drone sensors")
    old_low = submitted(title="Old exchange")
    Screening.objects.filter(pk=old_low.pk).update(
        submitted_at=timezone.now() - datetime.timedelta(days=20)
    )
    assert high.overall_level != low.overall_level
    body = client_for(contact_point).get("/reviews/").content.decode()
    assert (
        body.index("Drone sensors")
        < body.index("Old exchange")
        < body.index("Exchange Lund")
    )
    assert body.count("review-waiting") == 1


def test_queue_filters_by_route_and_level(client_for, contact_point):
    submitted(export=True, title="Drone sensors")
    submitted(title="Exchange Lund")
    client = client_for(contact_point)
    body = client.get("/reviews/?route=export-control").content.decode()
    assert "Drone sensors" in body
    assert "Exchange Lund" not in body
    body = client.get("/reviews/?level=low").content.decode()
    assert "Exchange Lund" in body
    assert "Drone sensors" not in body


def test_changes_requested_are_counted_apart(client_for, contact_point):
    screening = submitted(title="Sent back")
    reviews.request_changes(screening, by=contact_point, reason="More")
    client = client_for(contact_point)
    assert "Sent back" not in client.get("/reviews/").content.decode()
    assert (
        "Sent back" in client.get("/reviews/?status=changes_requested").content.decode()
    )


def test_export_officer_lands_on_their_tasks(client_for, export_officer):
    response = client_for(export_officer).get("/reviews/")
    assert response.status_code == 302
    assert response.url == "/reviews/?route=export-control"


def test_queue_query_count_is_constant(
    client_for, contact_point, django_assert_max_num_queries
):
    client = client_for(contact_point)
    submitted(export=True)
    client.get("/reviews/")
    with django_assert_max_num_queries(14) as few:
        client.get("/reviews/")
    for _ in range(5):
        submitted(export=True)
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get("/reviews/")


def test_decision_form_requires_conditions_next_to_the_field(client_for, contact_point):
    screening = submitted()
    response = client_for(contact_point).post(
        f"/screenings/{screening.pk}/review/decide/",
        {"decision": "approve_with_conditions", "text": ""},
    )
    assert response.status_code == 400
    assert "id_text" in response.content.decode()
    assert "invalid-feedback" in response.content.decode()
    screening.refresh_from_db()
    assert screening.status == S.SUBMITTED


def test_repeated_post_is_a_no_op_with_a_message(client_for, contact_point):
    screening = submitted()
    client = client_for(contact_point)
    url = f"/screenings/{screening.pk}/review/decide/"
    client.post(url, {"decision": "reject", "text": "No", "confirm_reject": "on"})
    steps = screening.transitions.count()
    response = client.post(url, {"decision": "approve", "text": ""}, follow=True)
    screening.refresh_from_db()
    assert screening.status == S.REJECTED
    assert screening.transitions.count() == steps
    assert "Nothing changed" in response.content.decode() or "Ingenting" in (
        response.content.decode()
    )


def test_comment_on_an_answer_and_reply(client_for, contact_point):
    screening = submitted()
    key = next(iter(screening.answers))
    client = client_for(contact_point)
    client.post(
        f"/screenings/{screening.pk}/comments/",
        {"body": "Who pays for this?", "question_key": key},
    )
    comment = Comment.objects.get()
    assert (comment.question_key, comment.author) == (key, contact_point)
    owner_client = client_for(screening.owner)
    owner_client.post(
        f"/screenings/{screening.pk}/comments/",
        {"body": "The faculty does.", "parent": comment.pk},
    )
    reply = Comment.objects.exclude(pk=comment.pk).get()
    assert (reply.parent, reply.question_key) == (comment, key)
    page = owner_client.get(f"/screenings/{screening.pk}/").content.decode()
    assert "Who pays for this?" in page
    assert "The faculty does." in page


def test_reviewer_sees_what_changed_since_the_last_submission(
    client_for, contact_point
):
    from screening.services import screenings as screening_services

    screening = submitted()
    reviews.request_changes(screening, by=contact_point, reason="Say more")
    screening.refresh_from_db()
    key = next(k for k, v in screening.answers.items() if v == "As planned.")
    screening.answers = {**screening.answers, key: "Revised: the faculty pays."}
    screening.rescore()
    screening.save()
    screening_services.submit_screening(screening, by=screening.owner)
    page = client_for(contact_point).get(f"/screenings/{screening.pk}/review/")
    body = page.content.decode()
    assert body.count("review-answer-changed") == 1
    assert "Revised: the faculty pays." in body
    assert "As planned." in body  # the answer before


def test_researcher_sees_the_decision_and_conditions(client_for, contact_point):
    screening = submitted()
    reviews.approve_with_conditions(
        screening, by=contact_point, conditions="Report back every year"
    )
    page = client_for(screening.owner).get(f"/screenings/{screening.pk}/")
    assert "Report back every year" in page.content.decode()


def test_leadership_reads_but_cannot_act(client_for, leader):
    screening = submitted()
    client = client_for(leader)
    page = client.get(f"/screenings/{screening.pk}/review/").content.decode()
    assert "decision-form" not in page
    response = client.post(
        f"/screenings/{screening.pk}/review/decide/", {"decision": "approve"}
    )
    assert response.status_code == 403
    screening.refresh_from_db()
    assert screening.status == S.SUBMITTED


def test_researcher_never_sees_someone_elses_comments(client_for, contact_point):
    screening = submitted()
    reviews.add_comment(screening, by=contact_point, body="Confidential remark")
    stranger = factories.researcher(unit=screening.unit)
    client = client_for(stranger)
    assert client.get(f"/screenings/{screening.pk}/").status_code == 404
    response = client.post(
        f"/screenings/{screening.pk}/comments/", {"body": "Let me in"}
    )
    assert response.status_code == 404
    assert Comment.objects.count() == 1


def test_a_decision_form_from_before_a_resubmission_is_refused(
    client_for, contact_point
):
    from screening.services import screenings as screening_services

    screening = submitted()
    client = client_for(contact_point)
    old_round = reviews.latest_submission_id(screening)
    reviews.request_changes(screening, by=contact_point, reason="More")
    screening_services.submit_screening(screening, by=screening.owner)
    response = client.post(
        f"/screenings/{screening.pk}/review/decide/",
        {"decision": "approve", "text": "", "seen": old_round},
    )
    assert response.status_code == 302
    screening.refresh_from_db()
    assert screening.status == S.SUBMITTED
    page = client.get(f"/screenings/{screening.pk}/review/").content.decode()
    assert f'value="{reviews.latest_submission_id(screening)}"' in page


def test_conditional_approval_is_confirmed_as_such(client_for, contact_point):
    screening = submitted()
    response = client_for(contact_point).post(
        f"/screenings/{screening.pk}/review/decide/",
        {"decision": "approve_with_conditions", "text": "Review the data flow yearly."},
        follow=True,
    )
    assert "Vurderingen er godkjent med vilkår." in response.content.decode()


def test_review_page_shows_readable_facts_and_dates(client_for, contact_point):
    screening = submitted()
    page = client_for(contact_point).get(f"/screenings/{screening.pk}/review/")
    html = page.content.decode()
    assert "sanctions_regime" not in html
    assert "not_assessed" not in html
    assert "Sanksjoner" in html
    assert "01.01.2026" in html
    assert "2026-01-01" not in html


def test_the_review_page_writes_dates_in_the_page_languages_format(
    client_for, contact_point
):
    import datetime

    from screening.models import Screening
    from tests.screening.review_support import submitted

    screening = submitted()
    when = datetime.datetime(2026, 3, 5, 9, 7, tzinfo=datetime.UTC)
    Screening.objects.filter(pk=screening.pk).update(submitted_at=when)
    client = client_for(contact_point)
    page = client.get(f"/screenings/{screening.pk}/review/").content.decode()
    assert "05.03.2026" in page  # bokmål: Django's short date, with zeros
    assert "5.3.2026" not in page
    client.cookies["django_language"] = "en"
    page = client.get(f"/screenings/{screening.pk}/review/").content.decode()
    assert "5 Mar 2026" in page
    assert "05.03.2026" not in page
