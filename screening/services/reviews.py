"""Named actions of the review: every status change after the draft lives here.

Each function checks the acting user's role (PermissionDenied otherwise) and
the screening's current status under a row lock. A stale or repeated request
changes nothing and returns an `Outcome` whose message says why; a step that
happens is recorded as a `Transition` with who, when, the comment and the
result (and answers) at that moment. E-mails are enqueued on commit.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from agreements import roles
from agreements.models import Agreement, User
from config.queueing import send_on_commit
from screening import tasks
from screening.models import (
    Comment,
    ReviewReminder,
    RouteTask,
    Screening,
    Transition,
)
from screening.models.reviews import EXPORT_CONTROL_ROUTE

S = Screening.Status
UNDER_REVIEW = (S.SUBMITTED, S.IN_REVIEW)
# The contact point is the reviewer itself: that route needs no task of its own.
ROUTES_WITHOUT_TASK = ("R-CP",)
# Export control clearance is a legal matter: always required before approval.
ALWAYS_MANDATORY = (EXPORT_CONTROL_ROUTE,)


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


def _require(allowed: bool) -> None:
    if not allowed:
        raise PermissionDenied


def _locked(screening: Screening) -> Screening:
    return Screening.objects.select_for_update().get(pk=screening.pk)


def _record(
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


def _move(
    screening: Screening, *, to: str, action: str, by: User, comment: str = ""
) -> Transition:
    before = screening.status
    screening.status = to
    screening.save(update_fields=["status"])
    return _record(screening, action=action, from_status=before, by=by, comment=comment)


def _stale(current: Screening) -> Outcome:
    return Outcome(
        False,
        _("Nothing changed: the screening is now “%(status)s”.")
        % {"status": current.get_status_display()},
    )


# Submission (called by the submit service) and route tasks ------------------


def mandatory_routes(result: dict[str, Any]) -> set[str]:
    """Routes a hard trigger demands, plus those that are always mandatory."""
    keys = set(ALWAYS_MANDATORY)
    for trigger in result.get("hard_triggers", []):
        keys.update((trigger.get("detail") or {}).get("routes", []))
    return keys


def sync_route_tasks(screening: Screening) -> list[RouteTask]:
    """One task per route of the result; returns the tasks created now.

    A resubmission keeps recorded decisions; open tasks whose route is no
    longer due are dropped.
    """
    result = screening.result or {}
    due = [r["key"] for r in result.get("routes", []) if r.get("key")]
    due = [key for key in due if key not in ROUTES_WITHOUT_TASK]
    mandatory = mandatory_routes(result)
    existing = {t.route: t for t in screening.route_tasks.all()}
    created = []
    for key in due:
        task = existing.get(key)
        if task is None:
            created.append(
                RouteTask.objects.create(
                    screening=screening, route=key, mandatory=key in mandatory
                )
            )
        elif task.is_open and task.mandatory != (key in mandatory):
            task.mandatory = key in mandatory
            task.save(update_fields=["mandatory"])
    stale = [t.pk for k, t in existing.items() if k not in due and t.is_open]
    RouteTask.objects.filter(pk__in=stale, mandatory=False).delete()
    return created


def _announce_routes(tasks_created: list[RouteTask]) -> None:
    for task in tasks_created:
        if task.is_export_control:
            send_on_commit(tasks.notify_routed, task.pk)


@transaction.atomic
def record_submission(screening: Screening, *, by: User) -> Transition | None:
    """Hook for `submit_screening`, right after the status became submitted."""
    if screening.status != S.SUBMITTED:
        return None
    previous = (
        screening.transitions.order_by("-created_at", "-pk").values("to_status").first()
    )
    before = previous["to_status"] if previous else S.DRAFT
    step = _record(
        screening, action=Transition.Action.SUBMIT, from_status=before, by=by
    )
    _announce_routes(sync_route_tasks(screening))
    send_on_commit(tasks.notify_submitted, step.pk)
    return step


@transaction.atomic
def start_review(screening: Screening, *, by: User) -> Outcome:
    _require(can_review(by))
    current = _locked(screening)
    if current.status != S.SUBMITTED:
        return _stale(current)
    _move(current, to=S.IN_REVIEW, action=Transition.Action.START_REVIEW, by=by)
    return Outcome(True, _("You have started the review."))


@transaction.atomic
def route_to_export_control(
    screening: Screening, *, by: User, comment: str = ""
) -> Outcome:
    _require(can_review(by))
    current = _locked(screening)
    if current.status not in UNDER_REVIEW:
        return _stale(current)
    task, created = RouteTask.objects.get_or_create(
        screening=current, route=EXPORT_CONTROL_ROUTE, defaults={"mandatory": True}
    )
    if not created and task.is_open:
        return Outcome(False, _("The screening is already with export control."))
    if not created:
        task.status, task.mandatory = RouteTask.Status.OPEN, True
        task.reference = ""
        task.decided_by, task.decided_at = None, None
        task.notified_at = None
        task.save()
    _move(
        current, to=S.IN_REVIEW, action=Transition.Action.ROUTE, by=by, comment=comment
    )
    send_on_commit(tasks.notify_routed, task.pk)
    return Outcome(True, _("The screening has been routed to export control."))


@transaction.atomic
def record_export_control(
    task: RouteTask,
    *,
    by: User,
    licence_required: bool,
    reference: str,
    comment: str = "",
) -> Outcome:
    """The export-control officer's clearance or licence requirement."""
    _require(roles.is_export_control(by) or by.is_superuser)
    status = (
        RouteTask.Status.LICENCE_REQUIRED
        if licence_required
        else RouteTask.Status.CLEARED
    )
    return _close_task(task, EXPORT_CONTROL_ROUTE, status, by, reference, comment)


@transaction.atomic
def confirm_route(
    task: RouteTask, *, by: User, reference: str, comment: str = ""
) -> Outcome:
    """The contact point confirms a route without a role in the system."""
    _require(can_review(by))
    if task.route == EXPORT_CONTROL_ROUTE:
        raise PermissionDenied
    return _close_task(
        task, task.route, RouteTask.Status.CONFIRMED, by, reference, comment
    )


def _close_task(
    task: RouteTask,
    route: str,
    status: str,
    by: User,
    reference: str,
    comment: str,
) -> Outcome:
    current = _locked(task.screening)
    locked = RouteTask.objects.select_for_update().get(pk=task.pk)
    if locked.route != route:
        raise PermissionDenied
    if current.status not in UNDER_REVIEW or not locked.is_open:
        return Outcome(False, _("Nothing changed: this task is already recorded."))
    if not reference.strip():
        return Outcome(False, _("Give a reference."))
    locked.status, locked.reference, locked.comment = status, reference.strip(), comment
    locked.decided_by, locked.decided_at = by, timezone.now()
    locked.save()
    return Outcome(True, _("Recorded: %(route)s.") % {"route": locked.name})


# Decisions -------------------------------------------------------------------


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


def open_mandatory_routes(screening: Screening) -> list[RouteTask]:
    return list(
        screening.route_tasks.filter(mandatory=True, status=RouteTask.Status.OPEN)
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
    _require(can_review(by))
    if not conditions.strip():
        return Outcome(False, _("Write the conditions."))
    return _approve(
        screening, by=by, conditions=conditions.strip(), comment="", seen=seen
    )


def _approve(
    screening: Screening, *, by: User, conditions: str, comment: str, seen: int | None
) -> Outcome:
    _require(can_review(by))
    current = _locked(screening)
    if current.status not in UNDER_REVIEW:
        return _stale(current)
    if _resubmitted_since(current, seen):
        return _changed()
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
    step = _move(current, to=to, action=action, by=by, comment=conditions or comment)
    link_agreement(current)
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
    _require(can_review(by))
    if not reason.strip():
        return Outcome(False, _("Give a reason."))
    current = _locked(screening)
    if current.status not in UNDER_REVIEW:
        return _stale(current)
    if _resubmitted_since(current, seen):
        return _changed()
    step = _move(current, to=to, action=action, by=by, comment=reason.strip())
    if to == S.REJECTED and current.agreement_id:
        update_agreement(current, current.agreement_id)
    send_on_commit(tasks.notify_decision, step.pk)
    if to == S.REJECTED:
        return Outcome(True, _("The screening is rejected."))
    return Outcome(True, _("The screening has been sent back for changes."))


@transaction.atomic
def withdraw(screening: Screening, *, by: User, reason: str = "") -> Outcome:
    """The owner takes a screening back before a decision."""
    _require(screening.owner_id == by.pk)
    current = _locked(screening)
    if current.status not in (*UNDER_REVIEW, S.CHANGES_REQUESTED, S.DRAFT):
        return _stale(current)
    _move(
        current,
        to=S.WITHDRAWN,
        action=Transition.Action.WITHDRAW,
        by=by,
        comment=reason,
    )
    return Outcome(True, _("The screening is withdrawn."))


# Comments --------------------------------------------------------------------


@transaction.atomic
def add_comment(
    screening: Screening,
    *,
    by: User,
    body: str,
    question_key: str = "",
    parent: Comment | None = None,
) -> Comment | None:
    """A comment on one answer or the whole case; a reply joins its parent's thread."""
    _require(can_comment(by, screening))
    if not body.strip():
        return None
    if parent is not None:
        if parent.screening_id != screening.pk:
            raise PermissionDenied
        question_key = parent.question_key
        parent = parent.parent or parent  # threads are one level deep
    return Comment.objects.create(
        screening=screening,
        author=by,
        body=body.strip(),
        question_key=question_key,
        parent=parent,
    )


# Reminders -------------------------------------------------------------------


def waiting_since() -> datetime.datetime:
    return timezone.now() - datetime.timedelta(days=settings.REVIEW_WAITING_DAYS)


def claim_overdue_reminders() -> list[tuple[Screening, int]]:
    """Screenings waiting longer than REVIEW_WAITING_DAYS and not yet reminded of.

    Claims one `ReviewReminder` per screening, submission and limit, so a
    second run the same day (or a redelivered task) finds nothing.
    """
    days = settings.REVIEW_WAITING_DAYS
    overdue = Screening.objects.filter(
        status__in=UNDER_REVIEW, submitted_at__lte=waiting_since()
    ).select_related("unit", "owner")
    claimed = []
    for screening in overdue:
        _, created = ReviewReminder.objects.get_or_create(
            screening=screening, submitted_at=screening.submitted_at, days=days
        )
        if created:
            claimed.append((screening, days))
    return claimed


# The register ----------------------------------------------------------------


def link_agreement(screening: Screening) -> Agreement:
    """Link an approved screening to its agreement, or start a draft agreement."""
    agreement_id = screening.agreement_id
    if agreement_id is None:
        agreement = Agreement.objects.create(
            title=screening.title,
            status=Agreement.Status.DRAFT,
            responsible_unit_id=screening.unit_id,
            responsible_person_id=screening.owner_id,
            start_date=screening.period_start,
            end_date=screening.period_end,
        )
        if screening.partner_id:
            agreement.partners.add(screening.partner_id)
        screening.agreement = agreement
        screening.save(update_fields=["agreement"])
        agreement_id = agreement.pk
    update_agreement(screening, agreement_id)
    return Agreement.objects.get(pk=agreement_id)


def update_agreement(screening: Screening, agreement_id: int) -> None:
    Agreement.objects.filter(pk=agreement_id).update(
        last_screening=screening,
        last_screening_level=screening.overall_level,
        last_screened_at=screening.submitted_at or timezone.now(),
        last_decision=screening.status,
    )
