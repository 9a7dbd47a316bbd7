"""Every review transition: allowed by the right role, refused without change."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied

from screening.models import RouteTask, Screening, Transition
from screening.services import reviews
from tests import factories
from tests.screening.review_support import submitted

S = Screening.Status
pytestmark = pytest.mark.django_db


def steps(screening):
    return list(screening.transitions.values_list("action", flat=True))


def test_submission_is_recorded_with_the_result_and_answers(researcher):
    screening = submitted(researcher)
    step = screening.transitions.get()
    assert step.action == Transition.Action.SUBMIT
    assert (step.actor, step.from_status, step.to_status) == (
        researcher,
        "draft",
        S.SUBMITTED,
    )
    assert step.result == screening.result
    assert step.answers == screening.answers


def test_submission_creates_route_tasks_from_the_result():
    screening = submitted(export=True)
    tasks = {t.route: t for t in screening.route_tasks.all()}
    assert tasks["R-EC"].mandatory
    assert tasks["R-EC"].status == RouteTask.Status.OPEN
    assert "R-CP" not in tasks


def test_contact_point_starts_the_review_once(contact_point):
    screening = submitted()
    assert reviews.start_review(screening, by=contact_point).done
    again = reviews.start_review(screening, by=contact_point)
    screening.refresh_from_db()
    assert screening.status == S.IN_REVIEW
    assert not again.done
    assert steps(screening) == ["submit", "start_review"]


@pytest.mark.parametrize(
    ("action", "kwargs", "status"),
    [
        (reviews.approve, {}, S.APPROVED),
        (
            reviews.approve_with_conditions,
            {"conditions": "Annual report"},
            S.APPROVED_WITH_CONDITIONS,
        ),
        (
            reviews.request_changes,
            {"reason": "Explain the data flow"},
            S.CHANGES_REQUESTED,
        ),
        (reviews.reject, {"reason": "Partner on a sanctions list"}, S.REJECTED),
    ],
)
@pytest.mark.parametrize("start", [S.SUBMITTED, S.IN_REVIEW])
def test_contact_point_decides(contact_point, action, kwargs, status, start):
    screening = submitted()
    if start == S.IN_REVIEW:
        reviews.start_review(screening, by=contact_point)
    outcome = action(screening, by=contact_point, **kwargs)
    screening.refresh_from_db()
    assert outcome.done
    assert screening.status == status
    last = screening.transitions.last()
    assert (last.actor, last.from_status, last.to_status) == (
        contact_point,
        start,
        status,
    )
    assert last.comment == next(iter(kwargs.values()), "")
    assert last.result == screening.result


@pytest.mark.parametrize(
    ("action", "kwargs"),
    [
        (reviews.approve, {}),
        (reviews.approve_with_conditions, {"conditions": "x"}),
        (reviews.request_changes, {"reason": "x"}),
        (reviews.reject, {"reason": "x"}),
        (reviews.start_review, {}),
        (reviews.route_to_export_control, {}),
    ],
)
@pytest.mark.parametrize("role", ["researcher", "export_officer", "leader", "owner"])
def test_other_roles_cannot_decide(action, kwargs, role):
    screening = submitted()
    user = screening.owner if role == "owner" else getattr(factories, role)()
    with pytest.raises(PermissionDenied):
        action(screening, by=user, **kwargs)
    screening.refresh_from_db()
    assert screening.status == S.SUBMITTED
    assert steps(screening) == ["submit"]


@pytest.mark.parametrize(
    ("action", "kwargs"),
    [
        (reviews.approve, {}),
        (reviews.approve_with_conditions, {"conditions": "x"}),
        (reviews.request_changes, {"reason": "x"}),
        (reviews.reject, {"reason": "x"}),
    ],
)
def test_a_repeated_decision_changes_nothing(contact_point, action, kwargs):
    screening = submitted()
    assert action(screening, by=contact_point, **kwargs).done
    status = Screening.objects.get(pk=screening.pk).status
    for again in (reviews.approve, reviews.reject):
        outcome = again(
            screening,
            by=contact_point,
            **({"reason": "y"} if again is reviews.reject else {}),
        )
        assert not outcome.done
        assert outcome.message
    screening.refresh_from_db()
    assert screening.status == status
    assert len(steps(screening)) == 2


@pytest.mark.parametrize("status", [S.DRAFT, S.WITHDRAWN, S.CHANGES_REQUESTED])
def test_no_decision_outside_review(contact_point, status):
    screening = factories.ScreeningFactory(status=status)
    assert not reviews.approve(screening, by=contact_point).done
    assert not reviews.reject(screening, by=contact_point, reason="x").done
    screening.refresh_from_db()
    assert screening.status == status
    assert not screening.transitions.exists()


@pytest.mark.parametrize(
    ("action", "kwargs"),
    [
        (reviews.approve_with_conditions, {"conditions": "  "}),
        (reviews.request_changes, {"reason": ""}),
        (reviews.reject, {"reason": " "}),
    ],
)
def test_conditions_and_reasons_are_required(contact_point, action, kwargs):
    screening = submitted()
    assert not action(screening, by=contact_point, **kwargs).done
    screening.refresh_from_db()
    assert screening.status == S.SUBMITTED


def test_owner_withdraws_but_not_twice(researcher):
    screening = submitted(researcher)
    assert reviews.withdraw(screening, by=researcher, reason="Partner left").done
    assert not reviews.withdraw(screening, by=researcher, reason="Again").done
    screening.refresh_from_db()
    assert screening.status == S.WITHDRAWN
    assert steps(screening) == ["submit", "withdraw"]


def test_co_author_cannot_withdraw():
    screening = submitted()
    colleague = factories.researcher()
    screening.co_authors.add(colleague)
    with pytest.raises(PermissionDenied):
        reviews.withdraw(screening, by=colleague, reason="Mine too")
