"""E-mails about reports of pressure and incidents.

They name neither the reporter nor what happened: only the case number and a
link, so an anonymous reporter stays anonymous in every mailbox, and nothing
sensitive travels by e-mail. One message per recipient, in the recipient's
language, plain text with an HTML alternative (the layout of the review
e-mails, `templates/email/`).
"""

from __future__ import annotations

from collections.abc import Iterable

from agreements import mail
from incidents.models import IncidentMessage, IncidentReport


def send_new_report(report: IncidentReport, only: Iterable[str] | None = None) -> int:
    return mail.send("incident_new", mail.contact_points(), {"report": report}, only)


def send_reply(message: IncidentMessage, only: Iterable[str] | None = None) -> int:
    """To the other side of the thread: the reporter, or the contact point."""
    report = message.report
    if message.by_reporter:
        recipients, to_reporter = mail.contact_points(), False
    else:
        recipients, to_reporter = mail.users([report.reporter]), True
    context = {"report": report, "to_reporter": to_reporter}
    return mail.send("incident_reply", recipients, context, only)


def send_routed(report: IncidentReport, only: Iterable[str] | None = None) -> int:
    recipients = mail.export_officers()
    return mail.send("incident_routed", recipients, {"report": report}, only)
