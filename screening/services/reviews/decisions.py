"""The contact point's decisions: approve (with or without conditions),
request changes, reject.

A decision form carries the submission it was made on (`seen`); when the
screening was submitted again meanwhile, the decision is refused so that
nobody approves a version they have not read. Approval waits for what the
decision rules require at the screening's level (`rules`); a final decision
closes the tasks still open, and conditions become follow-ups.
"""

from __future__ import annotations

import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from agreements import partner_screening
from agreements.models import User
from config import fragments
from config.queueing import send_on_commit
from screening.models import FollowUp, Screening, Transition
from screening.services.reviews.linking import link_agreement, record_on_agreement
from screening.services.reviews.rules import close_open_tasks, refusal
from screening.services.reviews.transitions import (
    UNDER_REVIEW,
    Outcome,
    S,
    can_review,
    locked,
    move,
    own_case,
    require,
    require_independent,
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
    screening: Screening,
    *,
    by: User,
    conditions: str,
    due: datetime.date | None = None,
    seen: int | None = None,
) -> Outcome:
    """Approve; each line of the conditions becomes a follow-up for the
    screening's owner, due on `due` (in 90 days when not given)."""
    require(can_review(by))
    if not conditions.strip():
        return Outcome(False, _("Write the conditions."))
    return _approve(
        screening,
        by=by,
        conditions=conditions.strip(),
        comment="",
        seen=seen,
        due=due or timezone.localdate() + datetime.timedelta(days=90),
    )


def condition_lines(conditions: str) -> list[str]:
    """One follow-up per line of the conditions, list bullets dropped."""
    lines = (line.strip().lstrip("-*•").strip() for line in conditions.splitlines())
    return [line for line in lines if line]


def _approve(
    screening: Screening,
    *,
    by: User,
    conditions: str,
    comment: str,
    seen: int | None,
    due: datetime.date | None = None,
) -> Outcome:
    require(can_review(by))
    current = locked(screening)
    if current.status not in UNDER_REVIEW:
        return stale(current)
    if _resubmitted_since(current, seen):
        return _changed()
    own = require_independent(current, by)
    waiting = partner_screening.approval_blockers(current.partner)
    if waiting:
        return Outcome(False, " ".join([_("Cannot approve yet."), *waiting]))
    decision = "approve_with_conditions" if conditions else "approve"
    refused = refusal(current, decision)
    if refused:
        return refused
    if conditions:
        to, action = (
            S.APPROVED_WITH_CONDITIONS,
            Transition.Action.APPROVE_WITH_CONDITIONS,
        )
    else:
        to, action = S.APPROVED, Transition.Action.APPROVE
    step = move(current, to=to, action=action, by=by, comment=conditions or comment)
    close_open_tasks(current, step=step, by=by)
    if own:
        own_case(current, by=by, what=step.get_action_display())
    if conditions and due is not None:
        fragments.changed()  # bulk_create below sends no signal
        FollowUp.objects.bulk_create(
            FollowUp(
                screening=current,
                decision=step,
                text=line,
                owner_id=current.owner_id,
                due_date=due,
            )
            for line in condition_lines(conditions)
        )
    link_agreement(current, by=by)
    send_on_commit("screening.tasks.notify_decision", step.pk)
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
    own = require_independent(current, by)
    step = move(current, to=to, action=action, by=by, comment=reason.strip())
    if to == S.REJECTED:
        close_open_tasks(current, step=step, by=by)
    if own:
        own_case(current, by=by, what=step.get_action_display())
    if to == S.REJECTED and current.agreement_id:
        record_on_agreement(current, by=by)
    send_on_commit("screening.tasks.notify_decision", step.pk)
    if to == S.REJECTED:
        return Outcome(True, _("The screening is rejected."))
    return Outcome(True, _("The screening has been sent back for changes."))
