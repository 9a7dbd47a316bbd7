"""The decision rules applied: the checklist before approval, the override of
a sign-off, and closing what is still open when a final decision is made.

The rules themselves are data (`screening/decision_rules.yaml`, read by the
pure `screening.decision_rules`); this module feeds them the screening's route
tasks and writes what follows from them.
"""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from agreements.models import User
from screening import decision_rules
from screening.models import RouteTask, Screening, Transition
from screening.models.reviews import ROUTE_NAMES
from screening.services.reviews.transitions import (
    UNDER_REVIEW,
    Outcome,
    can_review,
    locked,
    own_case,
    record,
    require,
    require_independent,
    stale,
)


def _states(screening: Screening) -> list[decision_rules.TaskState]:
    return [
        decision_rules.TaskState(t.route, t.status, t.mandatory)
        for t in screening.route_tasks.all()
    ]


def checklist(screening: Screening) -> list[decision_rules.Check]:
    """What the screening's level requires before approval, with each state."""
    return decision_rules.checklist(
        decision_rules.load(), screening.overall_level, _states(screening)
    )


def route_name(route: str) -> str:
    return str(ROUTE_NAMES.get(route, route))


def refusal(screening: Screening, decision: str) -> Outcome | None:
    """None when the rules let `decision` through; else why not, for the user."""
    missing = decision_rules.missing(
        decision_rules.load(), decision, screening.overall_level, _states(screening)
    )
    if not missing:
        return None
    names = ", ".join(route_name(c.route) for c in missing)
    message = _("Cannot approve yet: not cleared: %(routes)s.") % {"routes": names}
    if any(c.sign_off for c in missing):
        message += " " + _(
            "Record the sign-off, or override it with a reason in the decision panel."
        )
    return Outcome(False, message)


@transaction.atomic
def override_sign_off(screening: Screening, *, by: User, reason: str) -> Outcome:
    """The contact point approves without the sign-off the level requires,
    and says why: the sign-off task is marked overridden, the history and the
    screening report show the reason."""
    require(can_review(by))
    if not reason.strip():
        return Outcome(False, _("Give a reason for the override."))
    current = locked(screening)
    if current.status not in UNDER_REVIEW:
        return stale(current)
    route = decision_rules.load().for_level(current.overall_level).sign_off
    if route is None:
        return Outcome(False, _("Nothing to override: this level needs no sign-off."))
    own = require_independent(current, by)
    task, _created = RouteTask.objects.select_for_update().get_or_create(
        screening=current, route=route, defaults={"mandatory": True}
    )
    if not task.is_open:
        return Outcome(False, _("Nothing changed: this task is already recorded."))
    task.status, task.comment = RouteTask.Status.OVERRIDDEN, reason.strip()
    task.decided_by, task.decided_at = by, timezone.now()
    task.save()
    record(
        current,
        action=Transition.Action.OVERRIDE_SIGN_OFF,
        from_status=current.status,
        by=by,
        comment=f"{task.name}: {reason.strip()}",
    )
    if own:
        own_case(current, by=by, what=str(Transition.Action.OVERRIDE_SIGN_OFF.label))
    return Outcome(True, _("Override recorded: %(route)s.") % {"route": task.name})


def close_open_tasks(screening: Screening, *, step: Transition, by: User) -> None:
    """A final decision closes every task still open, with the decision as the
    reason, and says so in the history."""
    still_open = list(
        screening.route_tasks.select_for_update().filter(status=RouteTask.Status.OPEN)
    )
    if not still_open:
        return
    reason = _("Closed by the decision: %(decision)s.") % {
        "decision": step.get_action_display()
    }
    now = timezone.now()
    for task in still_open:
        task.status, task.comment = RouteTask.Status.CANCELLED, reason
        task.decided_by, task.decided_at = by, now
        task.save(update_fields=["status", "comment", "decided_by", "decided_at"])
    record(
        screening,
        action=Transition.Action.CLOSE_TASKS,
        from_status=screening.status,
        by=by,
        comment=reason + " " + ", ".join(t.name for t in still_open),
    )
