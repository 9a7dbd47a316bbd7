"""E-mails about reports of pressure and incidents.

They name neither the reporter nor what happened: only the case number and a
link, so an anonymous reporter stays anonymous in every mailbox, and nothing
sensitive travels by e-mail. One message per recipient, in the recipient's
language, plain text with an HTML alternative (the layout of the review
e-mails, `templates/email/`).
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
from incidents.models import IncidentMessage, IncidentReport


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


def _users(users: Iterable[User]) -> list[Recipient]:
    seen: dict[str, Recipient] = {}
    for user in users:
        if user.email and user.is_active and user.email not in seen:
            seen[user.email] = Recipient(user.email, user.language)
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
            ctx = {**context, "site_url": settings.SITE_URL}
            subject = render_to_string(f"email/{event}_subject.txt", ctx)
            text = render_to_string(f"email/{event}.txt", ctx)
            html = render_to_string(f"email/{event}.html", ctx)
        message = EmailMultiAlternatives(
            subject=" ".join(subject.split()), body=text, to=[recipient.email]
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


def send_new_report(report: IncidentReport, only: Iterable[str] | None = None) -> int:
    return _send("incident_new", contact_points(), {"report": report}, only)


def send_reply(message: IncidentMessage, only: Iterable[str] | None = None) -> int:
    """To the other side of the thread: the reporter, or the contact point."""
    report = message.report
    if message.by_reporter:
        recipients, to_reporter = contact_points(), False
    else:
        recipients, to_reporter = _users([report.reporter]), True
    context = {"report": report, "to_reporter": to_reporter}
    return _send("incident_reply", recipients, context, only)


def send_routed(report: IncidentReport, only: Iterable[str] | None = None) -> int:
    recipients = _users(_group(roles.EXPORT_CONTROL))
    return _send("incident_routed", recipients, {"report": report}, only)
