"""The step machinery every review action shares, and the two plain steps.

`move` changes the status and `record` snapshots the step as a `Transition`
(who, when, comment, and the result and answers at that moment), so the
history shows what each decision was made on. Actions lock the row
(`locked`) and answer a stale request with `stale` instead of acting.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _

from agreements import roles
from agreements.models import InstitutionSettings, User
from screening.models import Screening, Transition

S = Screening.Status
UNDER_REVIEW = (S.SUBMITTED, S.IN_REVIEW)
EDITABLE = (S.DRAFT, S.CHANGES_REQUESTED)


@dataclass(frozen=True)
class Outcome:
    """What a request did: `done` is False for a no-op; `message` is for the user."""

    done: bool
    message: str


# The review services' names for rules that live in agreements.roles.
can_review = roles.may_review
can_comment = roles.may_comment


def require(allowed: bool) -> None:
    if not allowed:
        raise PermissionDenied


class OwnCase(PermissionDenied):
    """Four-eyes: the author or submitter of a screening may not review it."""


def wrote(user: Any, screening: Screening) -> bool:
    """The owner, a co-author, or whoever submitted the screening."""
    return (
        screening.is_author(user)
        or screening.transitions.filter(
            action=Transition.Action.SUBMIT, actor_id=user.pk
        ).exists()
    )


def own_review_allowed() -> bool:
    """The administrator's exception for a one-person office (institution setting)."""
    return InstitutionSettings.current().allow_own_review


def independent(user: Any, screening: Screening) -> bool:
    """May this user review this screening (start, route, clear, decide)?"""
    return not wrote(user, screening) or own_review_allowed()


def require_independent(screening: Screening, by: User) -> bool:
    """Refuse an author (OwnCase) unless the one-person-office exception is on;
    True when the exception is used, so the caller records it (`own_case`)."""
    if not wrote(by, screening):
        return False
    if not own_review_allowed():
        raise OwnCase(
            _(
                "You wrote or submitted this screening: another contact point "
                "must review it."
            )
        )
    return True


def own_case(screening: Screening, *, by: User, what: str) -> Transition:
    """History line: an author reviewed their own screening (one-person office)."""
    return record(
        screening,
        action=Transition.Action.OWN_CASE,
        from_status=screening.status,
        by=by,
        comment=what,
    )


def locked(screening: Screening) -> Screening:
    return Screening.objects.select_for_update().get(pk=screening.pk)


def record(
    screening: Screening,
    *,
    action: str,
    from_status: str,
    by: User,
    comment: str = "",
) -> Transition:
    return Transition.objects.create(
        screening=screening,
        action=action,
        from_status=from_status,
        to_status=screening.status,
        actor=by,
        comment=comment,
        result=screening.result,
        answers=screening.answers,
        overall_level=screening.overall_level,
    )


def move(
    screening: Screening, *, to: str, action: str, by: User, comment: str = ""
) -> Transition:
    before = screening.status
    screening.status = to
    screening.save(update_fields=["status"])
    return record(screening, action=action, from_status=before, by=by, comment=comment)


def stale(current: Screening) -> Outcome:
    return Outcome(
        False,
        _("Nothing changed: the screening is now “%(status)s”.")
        % {"status": current.get_status_display()},
    )


@transaction.atomic
def start_review(screening: Screening, *, by: User) -> Outcome:
    require(can_review(by))
    current = locked(screening)
    if current.status != S.SUBMITTED:
        return stale(current)
    own = require_independent(current, by)
    move(current, to=S.IN_REVIEW, action=Transition.Action.START_REVIEW, by=by)
    if own:
        own_case(current, by=by, what=str(Transition.Action.START_REVIEW.label))
    return Outcome(True, _("You have started the review."))


@transaction.atomic
def withdraw(screening: Screening, *, by: User, reason: str) -> Outcome:
    """The owner takes a screening back before a decision, saying why."""
    require(screening.owner_id == by.pk)
    if not reason.strip():
        return Outcome(False, _("Say why you withdraw the screening."))
    current = locked(screening)
    if current.status not in (*UNDER_REVIEW, S.CHANGES_REQUESTED, S.DRAFT):
        return stale(current)
    reason = reason.strip()
    move(
        current,
        to=S.WITHDRAWN,
        action=Transition.Action.WITHDRAW,
        by=by,
        comment=reason,
    )
    return Outcome(True, _("The screening is withdrawn."))


@transaction.atomic
def reopen(screening: Screening, *, by: User, reason: str) -> Outcome:
    """The contact point reopens a withdrawn screening where it was withdrawn
    from: back in the queue if it was under review, else to its author."""
    require(can_review(by))
    if not reason.strip():
        return Outcome(False, _("Say why you reopen the screening."))
    current = locked(screening)
    if current.status != S.WITHDRAWN:
        return stale(current)
    withdrawn = (
        current.transitions.filter(action=Transition.Action.WITHDRAW)
        .order_by("-created_at", "-pk")
        .values_list("from_status", flat=True)
        .first()
    )
    to = withdrawn if withdrawn in EDITABLE else S.SUBMITTED
    move(
        current,
        to=to,
        action=Transition.Action.REOPEN,
        by=by,
        comment=reason.strip(),
    )
    return Outcome(
        True,
        _("The screening is reopened: it is now “%(status)s”.")
        % {"status": current.get_status_display()},
    )
