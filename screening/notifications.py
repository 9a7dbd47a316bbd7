"""E-mails of the review: submitted, routed, decision, reminder.

Sent through agreements.mail (one message per recipient, in their language;
`Undelivered` names those the mail server did not take, `only` retries them).
Called by the tasks in `screening.tasks`, which retry what failed.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.conf import settings
from django.utils import translation

from agreements import mail, roles
from agreements.mail import Recipient, Undelivered
from screening.models import RouteTask, Screening, Transition


def authors(screening: Screening) -> list[Recipient]:
    return mail.users([screening.owner, *screening.co_authors.all()])


def send_submitted(step: Transition, only: Iterable[str] | None = None) -> int:
    screening = step.screening
    resubmitted = step.from_status == Screening.Status.CHANGES_REQUESTED
    return mail.send(
        "review_submitted",
        mail.contact_points(),
        {"screening": screening, "step": step, "resubmitted": resubmitted},
        only,
    )


def send_routed(task: RouteTask, only: Iterable[str] | None = None) -> int:
    return mail.send(
        "review_routed",
        mail.export_officers(),
        {"screening": task.screening, "task": task},
        only,
    )


def send_decision(step: Transition, only: Iterable[str] | None = None) -> int:
    screening = step.screening
    return mail.send(
        "review_decision",
        authors(screening),
        {"screening": screening, "step": step},
        only,
    )


def send_reminder(screening: Screening, days: int) -> int:
    return mail.send(
        "review_reminder", mail.contact_points(), {"screening": screening, "days": days}
    )


def send_follow_up_reminder(follow_up) -> int:
    """The owner of a condition of approval, before it falls due."""
    return mail.send(
        "follow_up_reminder",
        mail.users([follow_up.owner]),
        {"screening": follow_up.screening, "follow_up": follow_up},
    )


def send_level_changed(screening: Screening, only: Iterable[str] | None = None) -> int:
    """One e-mail to the researcher and one to the contact point when the
    facts (not the answers) moved a submitted or approved screening's level."""
    from screening import level_changes

    shared = settings.CONTACT_POINT_EMAIL
    desk = (
        [Recipient(shared, settings.LANGUAGE_CODE)]
        if shared
        else mail.users(mail.group(roles.CONTACT_POINT))
    )  # the contact point's mailbox once, not each of its members as well
    recipients = mail.users([screening.owner]) + [
        r for r in desk if r.email != screening.owner.email
    ]
    if only is not None:
        recipients = [r for r in recipients if r.email in set(only)]
    sent, failed, error = 0, [], ""
    for recipient in recipients:
        with translation.override(recipient.language):
            change = level_changes.describe(screening.level_change)
        try:
            sent += mail.send(
                "level_changed",
                [recipient],
                {"screening": screening, "change": change},
            )
        except Undelivered as missed:
            failed += missed.recipients
            error = missed.error
    if failed:
        raise Undelivered(failed, error)
    return sent
