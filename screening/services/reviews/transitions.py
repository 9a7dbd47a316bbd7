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
from agreements.models import User
from screening.models import Screening, Transition

S = Screening.Status
UNDER_REVIEW = (S.SUBMITTED, S.IN_REVIEW)


@dataclass(frozen=True)
class Outcome:
    """What a request did: `done` is False for a no-op; `message` is for the user."""

    done: bool
    message: str


def can_review(user: Any) -> bool:
    return roles.is_contact_point(user)


def can_comment(user: Any, screening: Screening) -> bool:
    return (
        roles.is_contact_point(user)
        or roles.is_export_control(user)
        or screening.is_author(user)
    )


def require(allowed: bool) -> None:
    if not allowed:
        raise PermissionDenied


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
    move(current, to=S.IN_REVIEW, action=Transition.Action.START_REVIEW, by=by)
    return Outcome(True, _("You have started the review."))


@transaction.atomic
def withdraw(screening: Screening, *, by: User, reason: str = "") -> Outcome:
    """The owner takes a screening back before a decision."""
    require(screening.owner_id == by.pk)
    current = locked(screening)
    if current.status not in (*UNDER_REVIEW, S.CHANGES_REQUESTED, S.DRAFT):
        return stale(current)
    move(
        current,
        to=S.WITHDRAWN,
        action=Transition.Action.WITHDRAW,
        by=by,
        comment=reason,
    )
    return Outcome(True, _("The screening is withdrawn."))
