"""Named actions on reports of pressure and incidents: report, reply, change
status, route to export control, tie to a partner."""

from __future__ import annotations

import datetime

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from agreements import services as agreement_services
from agreements.models import Partner, PartnerIncident, User
from config.queueing import send_on_commit
from countries.models import Country
from incidents import tasks
from incidents.models import CaseCounter, IncidentMessage, IncidentReport

Status = IncidentReport.Status


def next_number(year: int) -> int:
    """The next case number of the year. Call inside a transaction: the
    UPDATE locks the year's counter until commit, so concurrent reports
    queue up here and each gets its own number."""
    CaseCounter.objects.get_or_create(year=year)
    CaseCounter.objects.filter(year=year).update(last=F("last") + 1)
    return CaseCounter.objects.values_list("last", flat=True).get(year=year)


@transaction.atomic
def submit_report(
    *,
    by: User,
    what_happened: str,
    occurred_on: datetime.date,
    partner: Partner | None = None,
    country: Country | None = None,
    anonymous: bool = False,
) -> IncidentReport:
    """A new case, numbered; the contact point is told by e-mail on commit."""
    year = timezone.localdate().year
    report = IncidentReport(
        year=year,
        number=next_number(year),
        reporter=by,
        what_happened=what_happened.strip(),
        occurred_on=occurred_on,
        partner=partner,
        country=country or (partner.country if partner else None),
        anonymous=anonymous,
    )
    report._history_user = by  # type: ignore[attr-defined]
    report.save()
    send_on_commit(tasks.notify_new_report, report.pk)
    return report


@transaction.atomic
def post_reply(*, report: IncidentReport, by: User, text: str) -> IncidentMessage:
    """A message in the thread; the other side is told by e-mail on commit.
    The contact point's first answer takes a received case into progress; the
    reporter writing on a closed case opens it again, so it is not missed."""
    message = IncidentMessage.objects.create(
        report=report, author=by, text=text.strip()
    )
    from_reporter = by.pk == report.reporter_id
    if report.status == (Status.CLOSED if from_reporter else Status.RECEIVED):
        change_status(report=report, status=Status.IN_PROGRESS, by=by)
    send_on_commit(tasks.notify_reply, message.pk)
    return message


@transaction.atomic
def change_status(*, report: IncidentReport, status: str, by: User) -> IncidentReport:
    if report.status == status:
        return report
    report.status = status
    report._history_user = by  # type: ignore[attr-defined]
    report.save(update_fields=["status"])
    return report


@transaction.atomic
def route_to_export_control(*, report: IncidentReport, by: User) -> IncidentReport:
    """Export control may see the case from now on (the reporter's name only
    if not anonymous) and is told by e-mail; routing twice changes nothing."""
    if report.routed_at:
        return report
    report.routed_at = timezone.now()
    report.routed_by = by
    report._history_user = by  # type: ignore[attr-defined]
    report.save(update_fields=["routed_at", "routed_by"])
    send_on_commit(tasks.notify_routed, report.pk)
    return report


@transaction.atomic
def tie_to_partner(
    *,
    report: IncidentReport,
    partner: Partner,
    occurred_on: datetime.date,
    description: str,
    by: User,
) -> PartnerIncident:
    """Record the case as an incident of the partner, the same way the
    partner page does: the partner is flagged (`incident`) and its
    screenings are scored again on commit. `description` is what the partner
    page and those screenings show, written by the contact point; the
    report's own text and the reporter's name stay in the case."""
    if report.partner_incident is not None:
        return report.partner_incident
    incident = agreement_services.record_partner_incident(
        partner=partner, occurred_on=occurred_on, description=description, by=by
    )
    report.partner_incident = incident
    report.partner = partner
    report._history_user = by  # type: ignore[attr-defined]
    report.save(update_fields=["partner_incident", "partner"])
    return incident
