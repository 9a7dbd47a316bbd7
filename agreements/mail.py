"""Sending the app's e-mails: who gets them, and one message per recipient.

Each message is in the recipient's language (`user.language`; the site's
default for the contact point's shared address), plain text with an HTML
alternative, rendered from `templates/email/<event>{_subject.txt,.txt,.html}`.
A recipient whose message the mail server did not take does not stop the
others: `Undelivered` names them after the rest are sent, and `only` sends to
just those again. The review e-mails (screening.notifications) and the
incident e-mails (incidents.notifications) both send through here.
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


def users(people: Iterable[User]) -> list[Recipient]:
    """Active people with an address, each address once."""
    seen: dict[str, Recipient] = {}
    for user in people:
        if user.email and user.is_active and user.email not in seen:
            seen[user.email] = Recipient(user.email, user.language, str(user))
    return list(seen.values())


def group(name: str) -> list[User]:
    found = Group.objects.filter(name=name).first()
    return list(found.user_set.all()) if found else []


def contact_points() -> list[Recipient]:
    """The contact points, and the institution's shared address if it is set."""
    found = users(group(roles.CONTACT_POINT))
    shared = settings.CONTACT_POINT_EMAIL
    if shared and shared not in {r.email for r in found}:
        found.append(Recipient(shared, settings.LANGUAGE_CODE))
    return found


def export_officers() -> list[Recipient]:
    return users(group(roles.EXPORT_CONTROL))


def send(
    event: str,
    recipients: list[Recipient],
    context: dict[str, object],
    only: Iterable[str] | None = None,
) -> int:
    """Send `event` to each recipient (or to those in `only`); the number sent."""
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
