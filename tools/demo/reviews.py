"""Demo review history for the embedded demo (`seed_demo`); never for production.

Gives the demo screenings that `tools.demo.screenings` put past the draft a believable
record: the submission, route tasks from their result, the contact point's
start, comments, the export-control officer's clearance and the decisions.
Idempotent: a screening that already has a history is left alone. No e-mail
is sent (rows are written directly, marked as notified).
"""

from __future__ import annotations

import datetime

from django.db import transaction
from django.utils import timezone

from agreements.models import User
from screening.models import Comment, FollowUp, RouteTask, Screening, Transition
from screening.services import reviews

S = Screening.Status
A = Transition.Action
CONDITIONS = (
    "Avtalen må ha en klausul om akademisk frihet før den signeres, "
    "og prosjektleder rapporterer til kontaktpunktet hvert år."
)
COMMENTS = (
    "Hvem hos partneren får tilgang til rådata, og hvor lagres de?",
    "Er finansieringen fra partneren knyttet til vilkår om publisering?",
)


def _step(screening, action, actor, when, before, after, comment=""):
    step = Transition.objects.create(
        screening=screening,
        action=action,
        from_status=before,
        to_status=after,
        actor=actor,
        comment=comment,
        result=screening.result,
        answers=screening.answers,
        overall_level=screening.overall_level,
        notified_at=when,
    )
    Transition.objects.filter(pk=step.pk).update(created_at=when)
    return step


def _history(screening, owner, contact, officer) -> None:
    submitted = screening.submitted_at or timezone.now() - datetime.timedelta(days=3)
    _step(screening, A.SUBMIT, owner, submitted, S.DRAFT, S.SUBMITTED)
    reviews.sync_route_tasks(screening)
    RouteTask.objects.filter(screening=screening).update(notified_at=submitted)
    if screening.status == S.SUBMITTED:
        return
    started = submitted + datetime.timedelta(days=1)
    _step(screening, A.START_REVIEW, contact, started, S.SUBMITTED, S.IN_REVIEW)
    key = next(
        iter(sorted(k for k in screening.answers if k.startswith("collab."))), ""
    )
    comment = Comment.objects.create(
        screening=screening,
        question_key=key,
        author=contact,
        body=COMMENTS[screening.pk % len(COMMENTS)],
    )
    Comment.objects.filter(pk=comment.pk).update(created_at=started)
    if screening.status == S.IN_REVIEW:
        return
    decided = started + datetime.timedelta(days=2)
    tasks = RouteTask.objects.filter(screening=screening, status=RouteTask.Status.OPEN)
    for task in tasks:
        export = task.route == "R-EC" and officer is not None
        task.status = RouteTask.Status.CLEARED if export else RouteTask.Status.CONFIRMED
        task.reference = f"2025/{screening.pk:04d}-{task.route}"
        task.decided_by = officer if export else contact
        task.decided_at = decided
        task.save()
    conditions = CONDITIONS if screening.status == S.APPROVED_WITH_CONDITIONS else ""
    action = A.APPROVE_WITH_CONDITIONS if conditions else A.APPROVE
    if screening.status == S.REJECTED:
        action = A.REJECT
    step = _step(
        screening, action, contact, decided, S.IN_REVIEW, screening.status, conditions
    )
    for line in reviews.condition_lines(conditions):
        FollowUp.objects.create(
            screening=screening,
            decision=step,
            text=line,
            owner=screening.owner,
            due_date=(decided + datetime.timedelta(days=90)).date(),
        )
    if screening.agreement_id:
        reviews.record_on_agreement(screening, by=None)


@transaction.atomic
def seed_reviews() -> int:
    """Review records for the demo screenings; returns how many got a history."""
    contact = User.objects.filter(username="kontakt").first()
    officer = User.objects.filter(username="eksport").first()
    if contact is None:
        return 0
    pending = (
        Screening.objects.exclude(status__in=(S.DRAFT, S.WITHDRAWN))
        .filter(transitions__isnull=True)
        .select_related("owner")
        .order_by("pk")
    )
    count = 0
    for screening in pending:
        _history(screening, screening.owner, contact, officer)
        count += 1
    return count
