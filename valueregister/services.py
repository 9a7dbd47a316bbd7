"""Named actions on the value register: save an asset (and have what touches it
scored again), mark it reviewed, remind of reviews once a year."""

from __future__ import annotations

import datetime
import logging

from django.conf import settings
from django.contrib.auth.models import Group
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import F
from django.template.loader import render_to_string
from django.utils import timezone, translation

from agreements import roles
from agreements.models import Unit, User
from agreements.titles import one_line
from config.queueing import send_on_commit
from countries.signals import facts_changed
from valueregister.forms import AssetForm
from valueregister.models import Asset

log = logging.getLogger(__name__)

# What a screening's score reads of an asset (countries.facts.AssetFacts).
SCORED_FIELDS = ("name", "kind", "unit_id", "sensitivity")
# When one of them changes, countries.signals.facts_changed tells screening
# (above this app) to re-score the screenings that picked the asset.


@transaction.atomic
def save_asset(form: AssetForm, *, by: User) -> Asset:
    """Save the form's asset; when its name, kind, owner or sensitivity
    changed, the screenings that touch it are scored again (on commit)."""
    asset = form.instance
    before = (
        Asset.objects.filter(pk=asset.pk).values(*SCORED_FIELDS).first()
        if asset.pk
        else None
    )
    asset = form.save()
    after = {name: getattr(asset, name) for name in SCORED_FIELDS}
    if before is not None and before != after:
        cause = {"kind": "asset_changed", "asset": asset.name, "by": str(by)}
        facts_changed.send(sender=Asset, asset_ids=[asset.pk], cause=cause)
    return asset


@transaction.atomic
def mark_reviewed(asset: Asset, *, by: User, on: datetime.date | None = None) -> Asset:
    """Record that the asset's entry was checked and still holds today."""
    asset.last_reviewed = on or timezone.localdate()
    asset.reviewed_by = by
    asset._change_reason = "reviewed"
    asset.save(update_fields=["last_reviewed", "reviewed_by"])
    return asset


def send_review_reminders(*, today: datetime.date | None = None) -> int:
    """Daily (Celery beat): one task per asset whose review is overdue and not
    yet reminded of for its current review date. Returns how many were queued."""
    due = Asset.objects.review_overdue(today).exclude(reminded_for=F("last_reviewed"))
    ids = list(due.values_list("pk", flat=True))
    with transaction.atomic():
        for pk in ids:
            send_on_commit("valueregister.tasks.remind_review", pk)
    return len(ids)


def remind_review(asset_id: int, *, today: datetime.date | None = None) -> int:
    """E-mail the owning unit's leaders and the contact point that the asset is
    due for review; once per review date (a conditional update claims it)."""
    asset = Asset.objects.select_related("unit").filter(pk=asset_id).first()
    if asset is None or not asset.is_overdue(today):
        return 0
    with transaction.atomic():
        claimed = (
            Asset.objects.filter(pk=asset.pk, last_reviewed=asset.last_reviewed)
            .exclude(reminded_for=asset.last_reviewed)
            .update(reminded_for=asset.last_reviewed)
        )
        if not claimed:
            return 0  # another run sent it, or the asset was reviewed meanwhile
        recipients = _recipients(asset)
        for address, language in recipients:
            _mail(asset, address, language)
    return len(recipients)


def _recipients(asset: Asset) -> list[tuple[str, str]]:
    """(address, language) of the contact points and of the leaders of the
    owning unit or a unit above it (a dean answers for the departments)."""
    people: list[User] = []
    for name in (roles.CONTACT_POINT, roles.LEADERSHIP):
        group = Group.objects.filter(name=name).first()
        if group is None:
            continue
        members = group.user_set.filter(is_active=True)
        if name == roles.LEADERSHIP:
            members = members.filter(unit_id__in=_unit_and_above(asset.unit))
        people += list(members)
    found: dict[str, str] = {}
    for user in people:
        if user.email and user.email not in found:
            found[user.email] = user.language
    shared = settings.CONTACT_POINT_EMAIL
    if shared and shared not in found:
        found[shared] = settings.LANGUAGE_CODE
    return sorted(found.items())


def _unit_and_above(unit: Unit) -> set[int]:
    ids: set[int] = set()
    node: Unit | None = unit
    while node is not None and node.pk not in ids:  # a loop in old data ends here
        ids.add(node.pk)
        node = node.parent
    return ids


def _mail(asset: Asset, address: str, language: str) -> None:
    with translation.override(language):
        context = {
            "asset": asset,
            "url": settings.SITE_URL + asset.get_absolute_url(),
        }
        subject = one_line(
            render_to_string("valueregister/email/review_subject.txt", context)
        )
        body = render_to_string("valueregister/email/review.txt", context)
    send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [address])
