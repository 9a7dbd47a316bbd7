"""Named actions of the review: every status change after the draft lives here.

Each function checks the acting user's role (PermissionDenied otherwise) and
the screening's current status under a row lock. A stale or repeated request
changes nothing and returns an `Outcome` whose message says why; a step that
happens is recorded as a `Transition` with who, when, the comment and the
result (and answers) at that moment. E-mails are enqueued on commit.

The package is split by concern: `transitions` (the shared step machinery,
starting and withdrawing), `routes` (submission, route tasks, export control),
`decisions` (approve, request changes, reject), `rules` (the decision rules
applied: checklist, override, closing tasks), `followups` (conditions of
approval), `linking` (the agreement
register), `comments` and `reminders`. Callers import from here.
"""

from __future__ import annotations

from screening.services.reviews.comments import add_comment
from screening.services.reviews.decisions import (
    approve,
    approve_with_conditions,
    condition_lines,
    latest_submission_id,
    reject,
    request_changes,
)
from screening.services.reviews.followups import (
    can_complete,
    claim_due_reminders,
    complete_follow_up,
    open_for,
    release_follow_up_reminder,
)
from screening.services.reviews.linking import link_agreement, record_on_agreement
from screening.services.reviews.reminders import (
    claim_overdue_reminders,
    release_reminder,
    waiting_since,
)
from screening.services.reviews.routes import (
    ALWAYS_MANDATORY,
    ROUTES_WITHOUT_TASK,
    can_sign,
    confirm_route,
    mandatory_routes,
    open_mandatory_routes,
    record_export_control,
    record_submission,
    route_to_export_control,
    sync_route_tasks,
)
from screening.services.reviews.rules import checklist, override_sign_off
from screening.services.reviews.transitions import (
    UNDER_REVIEW,
    Outcome,
    OwnCase,
    can_comment,
    can_review,
    independent,
    own_review_allowed,
    reopen,
    start_review,
    withdraw,
    wrote,
)

__all__ = [
    "ALWAYS_MANDATORY",
    "ROUTES_WITHOUT_TASK",
    "UNDER_REVIEW",
    "Outcome",
    "OwnCase",
    "add_comment",
    "approve",
    "approve_with_conditions",
    "can_comment",
    "can_complete",
    "can_review",
    "can_sign",
    "checklist",
    "claim_due_reminders",
    "claim_overdue_reminders",
    "complete_follow_up",
    "condition_lines",
    "confirm_route",
    "independent",
    "latest_submission_id",
    "link_agreement",
    "mandatory_routes",
    "open_for",
    "open_mandatory_routes",
    "override_sign_off",
    "own_review_allowed",
    "record_export_control",
    "record_on_agreement",
    "record_submission",
    "reject",
    "release_follow_up_reminder",
    "release_reminder",
    "reopen",
    "request_changes",
    "route_to_export_control",
    "start_review",
    "sync_route_tasks",
    "waiting_since",
    "withdraw",
    "wrote",
]
