"""The contact point's decisions: approve (with or without conditions),
request changes, reject.

A decision form carries the submission it was made on (`seen`); when the
screening was submitted again meanwhile, the decision is refused so that
nobody approves a version they have not read. Approval waits for every
mandatory route task.
"""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _

from agreements import partner_screening
from agreements.models import User
from config.queueing import send_on_commit
from screening import tasks
from screening.models import Screening, Transition
from screening.services.reviews.linking import link_agreement, update_agreement
from screening.services.reviews.routes import open_mandatory_routes
from screening.services.reviews.transitions import (
    UNDER_REVIEW,
    Outcome,
    S,
    can_review,
    locked,
    move,
    require,
    stale,
)


def latest_submission_id(screening: Screening) -> int | None:
    """The submission a decision answers: forms carry it to notice a resubmission."""
    return (
        screening.transitions.filter(action=Transition.Action.SUBMIT)
        .order_by("-created_at", "-pk")
        .values_list("pk", flat=True)
        .first()
    )


def _resubmitted_since(current: Screening, seen: int | None) -> bool:
    return seen is not None and seen != latest_submission_id(current)


def _changed() -> Outcome:
    return Outcome(
        False,
        _(
            "Nothing changed: the screening was submitted again after you opened "
            "it. Read the new version before you decide."
        ),
    )


@transaction.atomic
def approve(
    screening: Screening, *, by: User, comment: str = "", seen: int | None = None
) -> Outcome:
    return _approve(screening, by=by, conditions="", comment=comment, seen=seen)


@transaction.atomic
def approve_with_conditions(
    screening: Screening, *, by: User, conditions: str, seen: int | None = None
) -> Outcome:
    require(can_review(by))
    if not conditions.strip():
        return Outcome(False, _("Write the conditions."))
    return _approve(
        screening, by=by, conditions=conditions.strip(), comment="", seen=seen
    )


def _approve(
    screening: Screening, *, by: User, conditions: str, comment: str, seen: int | None
) -> Outcome:
    require(can_review(by))
    current = locked(screening)
    if current.status not in UNDER_REVIEW:
        return stale(current)
    if _resubmitted_since(current, seen):
        return _changed()
    waiting = partner_screening.approval_blockers(current.partner)
    if waiting:
        return Outcome(False, " ".join([_("Cannot approve yet."), *waiting]))
    blocking = open_mandatory_routes(current)
    if blocking:
        names = ", ".join(t.name for t in blocking)
        return Outcome(
            False,
            _("Cannot approve while a mandatory route is open: %(routes)s.")
            % {"routes": names},
        )
    if conditions:
        to, action = (
            S.APPROVED_WITH_CONDITIONS,
            Transition.Action.APPROVE_WITH_CONDITIONS,
        )
    else:
        to, action = S.APPROVED, Transition.Action.APPROVE
    step = move(current, to=to, action=action, by=by, comment=conditions or comment)
    link_agreement(current, by=by)
    send_on_commit(tasks.notify_decision, step.pk)
    if conditions:
        return Outcome(True, _("The screening is approved with conditions."))
    return Outcome(True, _("The screening is approved."))


@transaction.atomic
def request_changes(
    screening: Screening, *, by: User, reason: str, seen: int | None = None
) -> Outcome:
    return _decide(
        screening,
        by,
        reason,
        S.CHANGES_REQUESTED,
        Transition.Action.REQUEST_CHANGES,
        seen,
    )


@transaction.atomic
def reject(
    screening: Screening, *, by: User, reason: str, seen: int | None = None
) -> Outcome:
    return _decide(screening, by, reason, S.REJECTED, Transition.Action.REJECT, seen)


def _decide(
    screening: Screening,
    by: User,
    reason: str,
    to: str,
    action: str,
    seen: int | None,
) -> Outcome:
    require(can_review(by))
    if not reason.strip():
        return Outcome(False, _("Give a reason."))
    current = locked(screening)
    if current.status not in UNDER_REVIEW:
        return stale(current)
    if _resubmitted_since(current, seen):
        return _changed()
    step = move(current, to=to, action=action, by=by, comment=reason.strip())
    if to == S.REJECTED and current.agreement_id:
        update_agreement(current, current.agreement_id)
    send_on_commit(tasks.notify_decision, step.pk)
    if to == S.REJECTED:
        return Outcome(True, _("The screening is rejected."))
    return Outcome(True, _("The screening has been sent back for changes."))
