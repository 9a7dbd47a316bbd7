"""Submission and route tasks: who else must look at a screening before approval.

A submitted result names its routes; each (except the contact point's own)
becomes a `RouteTask` that export control or the contact point closes with a
reference. Export control is always mandatory, and so is any route a hard
trigger demands.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from agreements import roles
from agreements.models import User
from config.queueing import send_on_commit
from screening import decision_rules
from screening.models import RouteTask, Screening, Transition
from screening.models.reviews import EXPORT_CONTROL_ROUTE, ROUTE_SLUGS
from screening.services.reviews.transitions import (
    UNDER_REVIEW,
    Outcome,
    S,
    can_review,
    locked,
    move,
    own_case,
    record,
    require,
    require_independent,
    stale,
)

LEADERSHIP_ROUTE = ROUTE_SLUGS["leadership"]
# The contact point is the reviewer itself: that route needs no task of its own.
ROUTES_WITHOUT_TASK = ("R-CP",)
# Export control clearance is a legal matter: always required before approval.
ALWAYS_MANDATORY = (EXPORT_CONTROL_ROUTE,)


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
    sign_off = decision_rules.load().for_level(screening.overall_level).sign_off
    if sign_off and sign_off not in due:
        due.append(sign_off)  # the level needs it even when no rule named it
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
    stale_tasks = [t.pk for k, t in existing.items() if k not in due and t.is_open]
    RouteTask.objects.filter(pk__in=stale_tasks, mandatory=False).delete()
    return created


def _announce_routes(tasks_created: list[RouteTask]) -> None:
    for task in tasks_created:
        if task.is_export_control:
            send_on_commit("screening.tasks.notify_routed", task.pk)


@transaction.atomic
def record_submission(screening: Screening, *, by: User) -> Transition | None:
    """Hook for `submit_screening`, right after the status became submitted."""
    if screening.status != S.SUBMITTED:
        return None
    previous = (
        screening.transitions.order_by("-created_at", "-pk").values("to_status").first()
    )
    before = previous["to_status"] if previous else S.DRAFT
    step = record(screening, action=Transition.Action.SUBMIT, from_status=before, by=by)
    _announce_routes(sync_route_tasks(screening))
    send_on_commit("screening.tasks.notify_submitted", step.pk)
    return step


@transaction.atomic
def route_to_export_control(
    screening: Screening, *, by: User, comment: str = ""
) -> Outcome:
    require(can_review(by))
    current = locked(screening)
    if current.status not in UNDER_REVIEW:
        return stale(current)
    own = require_independent(current, by)
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
    move(
        current, to=S.IN_REVIEW, action=Transition.Action.ROUTE, by=by, comment=comment
    )
    if own:
        own_case(current, by=by, what=str(Transition.Action.ROUTE.label))
    send_on_commit("screening.tasks.notify_routed", task.pk)
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
    require(roles.is_export_officer(by))
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
    """The contact point confirms a route without a role in the system;
    leadership may record its own sign-off route."""
    require(can_sign(by, task))
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
    current = locked(task.screening)
    task_row = RouteTask.objects.select_for_update().get(pk=task.pk)
    if task_row.route != route:
        raise PermissionDenied
    if current.status not in UNDER_REVIEW or not task_row.is_open:
        return Outcome(False, _("Nothing changed: this task is already recorded."))
    if not reference.strip():
        return Outcome(False, _("Give a reference."))
    own = require_independent(current, by)
    task_row.status, task_row.reference = status, reference.strip()
    task_row.comment = comment
    task_row.decided_by, task_row.decided_at = by, timezone.now()
    task_row.save()
    message = _("Recorded: %(route)s.") % {"route": task_row.name}
    if own:
        own_case(current, by=by, what=message)
    return Outcome(True, message)


def can_sign(user: Any, task: RouteTask) -> bool:
    """Contact points confirm routes; leadership also records its own sign-off."""
    if can_review(user):
        return True
    return roles.is_leadership(user) and task.route == LEADERSHIP_ROUTE


def open_mandatory_routes(screening: Screening) -> list[RouteTask]:
    return list(
        screening.route_tasks.filter(mandatory=True, status=RouteTask.Status.OPEN)
    )
