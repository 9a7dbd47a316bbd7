"""E-mails of the review: submitted, routed, decision, reminder.

One message per recipient, in the recipient's language (`user.language`; the
site's default for the contact point's shared address), plain text with an
HTML alternative, rendered from `templates/email/<event>.{txt,html}`. Called
by the tasks in `screening.tasks`, which retry what failed. A recipient whose
message the mail server did not take does not stop the others: `Undelivered`
names them after the rest are sent, and `only` sends to just those again.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth.models import Group
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.utils import translation

from agreements import roles
from agreements.models import User
from screening.models import RouteTask, Screening, Transition


class Undelivered(Exception):
    """These recipients' messages were not sent; the others were."""

    def __init__(self, recipients: list[str], error: str) -> None:
        super().__init__(f"{len(recipients)} not sent: {error}")
        self.recipients = recipients
        self.error = error


@dataclass(frozen=True)
class Recipient:
    email: str
    language: str
    name: str = ""


def _users(users: Iterable[User]) -> list[Recipient]:
    seen: dict[str, Recipient] = {}
    for user in users:
        if user.email and user.is_active and user.email not in seen:
            seen[user.email] = Recipient(user.email, user.language, str(user))
    return list(seen.values())


def _group(name: str) -> list[User]:
    group = Group.objects.filter(name=name).first()
    return list(group.user_set.all()) if group else []


def contact_points() -> list[Recipient]:
    found = _users(_group(roles.CONTACT_POINT))
    shared = settings.CONTACT_POINT_EMAIL
    if shared and shared not in {r.email for r in found}:
        found.append(Recipient(shared, settings.LANGUAGE_CODE))
    return found


def export_officers() -> list[Recipient]:
    return _users(_group(roles.EXPORT_CONTROL))


def authors(screening: Screening) -> list[Recipient]:
    return _users([screening.owner, *screening.co_authors.all()])


def _send(
    event: str,
    recipients: list[Recipient],
    context: dict[str, object],
    only: Iterable[str] | None = None,
) -> int:
    if only is not None:
        wanted = set(only)
        recipients = [r for r in recipients if r.email in wanted]
    sent, failed, error = 0, [], ""
    for recipient in recipients:
        with translation.override(recipient.language):
            ctx = {**context, "recipient": recipient, "site_url": settings.SITE_URL}
            subject = render_to_string(f"email/{event}_subject.txt", ctx)
            text = render_to_string(f"email/{event}.txt", ctx)
            html = render_to_string(f"email/{event}.html", ctx)
        message = EmailMultiAlternatives(
            subject=" ".join(subject.split()),
            body=text,
            to=[recipient.email],
        )
        message.attach_alternative(html, "text/html")
        try:
            sent += message.send()
        except OSError as exc:  # smtplib's errors are OSErrors too
            failed.append(recipient.email)
            error = f"{type(exc).__name__}: {exc}"
    if failed:
        raise Undelivered(failed, error)
    return sent


def send_submitted(step: Transition, only: Iterable[str] | None = None) -> int:
    screening = step.screening
    resubmitted = step.from_status == Screening.Status.CHANGES_REQUESTED
    return _send(
        "review_submitted",
        contact_points(),
        {"screening": screening, "step": step, "resubmitted": resubmitted},
        only,
    )


def send_routed(task: RouteTask, only: Iterable[str] | None = None) -> int:
    return _send(
        "review_routed",
        export_officers(),
        {"screening": task.screening, "task": task},
        only,
    )


def send_decision(step: Transition, only: Iterable[str] | None = None) -> int:
    screening = step.screening
    return _send(
        "review_decision",
        authors(screening),
        {"screening": screening, "step": step},
        only,
    )


def send_reminder(screening: Screening, days: int) -> int:
    return _send(
        "review_reminder", contact_points(), {"screening": screening, "days": days}
    )


def send_follow_up_reminder(follow_up) -> int:
    """The owner of a condition of approval, before it falls due."""
    return _send(
        "follow_up_reminder",
        _users([follow_up.owner]),
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
        else _users(_group(roles.CONTACT_POINT))
    )  # the contact point's mailbox once, not each of its members as well
    recipients = _users([screening.owner]) + [
        r for r in desk if r.email != screening.owner.email
    ]
    if only is not None:
        recipients = [r for r in recipients if r.email in set(only)]
    sent, failed, error = 0, [], ""
    for recipient in recipients:
        with translation.override(recipient.language):
            change = level_changes.describe(screening.level_change)
        try:
            sent += _send(
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
