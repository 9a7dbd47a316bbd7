"""Named actions on the register: saving with a conflict check, import, reminders."""

from __future__ import annotations

import datetime
import logging
from collections.abc import Mapping

from django.conf import settings
from django.core.files.storage import default_storage
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.utils import timezone, translation

from agreements import history, importing, named_lists, spreadsheet
from agreements.importing import ImportRow, partner_by_name
from agreements.models import (
    Agreement,
    AgreementReminder,
    ImportPreview,
    Partner,
    PartnerAlias,
    PartnerIncident,
    User,
)
from agreements.titles import one_line

log = logging.getLogger(__name__)
REMINDER_DAYS = (7, 30, 90)


class EditConflict(Exception):
    """Someone saved the agreement after the user opened it."""

    def __init__(self, changes: list[history.Change], version: int) -> None:
        super().__init__("agreement changed meanwhile")
        self.changes = changes
        self.version = version


@transaction.atomic
def create_agreement(
    agreement: Agreement, *, partners: list[Partner], by: User
) -> Agreement:
    agreement.version = 1
    agreement._history_user = by
    agreement.save()
    agreement.partners.set(partners)
    return agreement


@transaction.atomic
def update_agreement(
    agreement: Agreement, *, partners: list[Partner], expected_version: int, by: User
) -> Agreement:
    """Save the edited agreement unless someone else saved since expected_version.

    The version is bumped by a conditional UPDATE first, so of two concurrent
    saves exactly one wins; the other gets EditConflict and changes nothing.
    """
    bumped = Agreement.objects.filter(pk=agreement.pk, version=expected_version).update(
        version=expected_version + 1
    )
    if not bumped:
        current = Agreement.objects.get(pk=agreement.pk)
        raise EditConflict(
            history.changes_since(current, expected_version), current.version
        )
    agreement.version = expected_version + 1
    agreement._history_user = by
    agreement.save()
    if set(agreement.partners.all()) != set(partners):
        agreement.partners.set(partners)
    return agreement


@transaction.atomic
def save_partner(partner: Partner, *, aliases: list[str], by: User) -> Partner:
    partner._history_user = by
    partner.save()
    keep = {name.lower() for name in aliases}
    for alias in partner.aliases.all():
        if alias.name.lower() not in keep:
            alias.delete()
    existing = {a.name.lower() for a in partner.aliases.all()}
    for name in aliases:
        if name.lower() not in existing:
            PartnerAlias.objects.create(partner=partner, name=name)
    named_lists.screen_partner(partner)  # the name or aliases may have changed
    return partner


@transaction.atomic
def import_agreements(*, rows: list[ImportRow], by: User) -> tuple[int, int]:
    """Create or update every row, or nothing: (created, updated)."""
    if any(row.errors for row in rows):
        raise ValueError("import has rows with errors")
    created = updated = 0
    partners: dict[str, Partner] = {}
    for row in rows:
        chosen = []
        for name, country in row.partners:
            key = name.lower()
            if key not in partners:
                found = partner_by_name(name)
                if found is None:
                    found = Partner(name=name, country=country)
                    found._history_user = by
                    found.save()
                    named_lists.screen_partner(found)
                partners[key] = found
            chosen.append(partners[key])
        if row.existing_id:
            agreement = Agreement.objects.get(pk=row.existing_id)
            agreement.version += 1
            updated += 1
        else:
            agreement = Agreement()
            created += 1
        for name, value in row.values.items():
            setattr(agreement, name, value)
        agreement._history_user = by
        agreement.save()
        if set(agreement.partners.all()) != set(chosen):
            agreement.partners.set(chosen)
    return created, updated


class ImportHasErrors(Exception):
    """A row of the previewed file is no longer valid (the register changed)."""


@transaction.atomic
def confirm_import(*, token: str, by: User) -> ImportPreview | None:
    """Import the previewed file once, however often it is confirmed.

    The preview's row is locked first, so of concurrent confirms (a double-click
    sends two or three) one imports and the others wait, find it confirmed and
    return the same preview with the first one's counts. None: no such preview
    of this user's (expired, replaced by a newer upload, or someone else's).
    Raises SpreadsheetError or ImportHasErrors, importing nothing.
    """
    preview = (
        ImportPreview.objects.select_for_update()
        .filter(token=token, created_by=by)
        .first()
    )
    if preview is None or preview.is_confirmed:
        return preview
    try:
        with default_storage.open(preview.file_path, "rb") as handle:
            content = handle.read()
    except FileNotFoundError:
        return None
    rows = importing.validate(spreadsheet.read(preview.file_name, content))
    if any(row.errors for row in rows):
        raise ImportHasErrors
    preview.created_count, preview.updated_count = import_agreements(rows=rows, by=by)
    preview.confirmed_at = timezone.now()
    preview.save()
    transaction.on_commit(lambda: default_storage.delete(preview.file_path))
    return preview


def send_due_reminders(*, today: datetime.date | None = None) -> int:
    """E-mail reminders 90, 30 and 7 days before active agreements end.

    Only the nearest threshold is sent, once per agreement, threshold and end
    date: the AgreementReminder row is written in the same transaction as the
    e-mail is handed over, and its unique constraint stops a second send.
    """
    today = today or timezone.localdate()
    horizon = today + datetime.timedelta(days=max(REMINDER_DAYS))
    due = Agreement.objects.filter(
        status=Agreement.Status.ACTIVE, end_date__gte=today, end_date__lte=horizon
    ).select_related("responsible_person")
    sent = 0
    for agreement in due:
        days_left = (agreement.end_date - today).days
        threshold = min(d for d in REMINDER_DAYS if days_left <= d)
        already = AgreementReminder.objects.filter(
            Q(agreement=agreement, end_date=agreement.end_date)
            & Q(days_before__lte=threshold)
        )
        if already.exists():
            continue
        try:
            sent += _send_reminder(agreement, threshold, days_left)
        except Exception:  # one bad row must not stop the others' reminders
            log.exception("Reminder for agreement %s failed", agreement.pk)
    return sent


def _send_reminder(agreement: Agreement, threshold: int, days_left: int) -> int:
    try:
        with transaction.atomic():
            AgreementReminder.objects.create(
                agreement=agreement, days_before=threshold, end_date=agreement.end_date
            )
            recipients = [(settings.CONTACT_POINT_EMAIL, settings.LANGUAGE_CODE)]
            person = agreement.responsible_person
            if person and person.email:
                recipients.insert(0, (person.email, person.language))
            for address, language in recipients:
                _mail(agreement, address, language, days_left)
    except IntegrityError:
        return 0  # another run sent it first
    return 1


def _mail(agreement: Agreement, address: str, language: str, days_left: int) -> None:
    with translation.override(language):
        context = {
            "agreement": agreement,
            "days_left": days_left,
            "url": settings.SITE_URL + agreement.get_absolute_url(),
        }
        subject = one_line(
            render_to_string("agreements/email/reminder_subject.txt", context)
        )
        body = render_to_string("agreements/email/reminder.txt", context)
    send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [address])


@transaction.atomic
def record_partner_incident(
    *, partner: Partner, occurred_on: datetime.date, description: str, by: User
) -> PartnerIncident:
    """The contact point records an incident with the partner: it flags the
    partner (`incident`) in its screenings, which are re-scored on commit."""
    incident = PartnerIncident.objects.create(
        partner=partner,
        occurred_on=occurred_on,
        description=description.strip(),
        source=PartnerIncident.Source.CONTACT_POINT,
        recorded_by=by,
    )
    named_lists.enqueue_rescore(
        partner_ids=[partner.pk], cause={"kind": "incident", "partner": partner.name}
    )
    return incident


def record_screening_incidents(
    *,
    partner: Partner,
    screening_id: int,
    reported: Mapping[str, str],
    occurred_on: datetime.date,
    by: User,
) -> int:
    """The incidents a submitted screening reports ({question key: text}) as
    incidents of its partner; idempotent (one per screening and question).
    Returns how many are new; the partner's screenings are re-scored then."""
    new = 0
    for question, text in reported.items():
        _incident, created = PartnerIncident.objects.get_or_create(
            screening_id=screening_id,
            question=question,
            defaults={
                "partner": partner,
                "occurred_on": occurred_on,
                "description": text,
                "source": PartnerIncident.Source.SCREENING,
                "recorded_by": by,
            },
        )
        new += created
    if new:
        named_lists.enqueue_rescore(
            partner_ids=[partner.pk],
            cause={"kind": "incident", "partner": partner.name},
        )
    return new
