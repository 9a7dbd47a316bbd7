"""Named actions on country profiles.

`refresh_country_flags` is the one place that writes the derived flag columns
on Country; every path that changes indicators (sync, import, admin) calls it.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db import transaction
from django.utils import timezone

from config import fragments
from config.queueing import send_on_commit
from countries import tasks
from countries.models import Assessment, Country, Indicator
from countries.signals import facts_changed

DERIVED = ("tier", "sanctions_level", "af_band", "af_value", "af_year", "gdpr_adequacy")


@transaction.atomic
def refresh_country_flags(*, iso2: Iterable[str] | None = None) -> int:
    """Recompute tier and flag columns from the indicators; returns rows changed.

    Without `iso2`, every country. Reads all indicators in one query and writes
    only the countries whose columns changed, in one bulk update.
    """
    countries = Country.objects.prefetch_related("indicators")
    if iso2 is not None:
        countries = countries.filter(iso2__in=list(iso2))
    changed = []
    for country in countries:
        columns = country.derived_columns()
        if any(getattr(country, name) != value for name, value in columns.items()):
            for name, value in columns.items():
                setattr(country, name, value)
            changed.append(country)
    Country.objects.bulk_update(changed, DERIVED, batch_size=500)
    fragments.changed()  # bulk_update sends no signal
    touched = list(iso2) if iso2 is not None else [c.iso2 for c in changed]
    _rescore_screenings(touched, "country_indicators")
    return len(changed)


def _rescore_screenings(iso2: list[str], kind: str) -> None:
    """The screenings of these countries follow their facts (on commit)."""
    names = Country.objects.filter(iso2__in=iso2).order_by("iso2")
    cause = {"kind": kind, "country": ", ".join(str(c.name) for c in names[:3])}
    facts_changed.send(__name__, partner_ids=[], countries=iso2, cause=cause)


@transaction.atomic
def record_assessment(
    *, country: Country, level: str, rationale: str, by: object
) -> Assessment:
    """Add the institution's assessment of a country; earlier ones are kept.

    The contact point's mailbox is told by e-mail once the row is committed.
    """
    assessment = Assessment.objects.create(
        country=country, level=level, rationale=rationale.strip(), assessed_by=by
    )
    send_on_commit(tasks.notify_assessment_recorded, assessment.pk)
    _rescore_screenings([country.iso2], "country_assessment")
    return assessment


@transaction.atomic
def confirm_fact(
    *, country: Country, kind: str, by: object, note: str = ""
) -> Indicator:
    """The contact point checked the source: the fact's value stands, verified today.

    The record becomes the institution's (a reload of the fixtures leaves it
    alone); its history keeps who confirmed it and when.
    """
    record = current_fact(country=country, kind=kind)
    if record is None:
        raise ValueError(f"{country.iso2} has no {kind} to confirm")
    record.to_be_verified = False
    record.set_by_institution = False
    record.checked_on = timezone.localdate()
    record.origin = Indicator.Origin.ADMIN
    record.verification_note = note.strip()[:300]
    record._history_user = by
    record.save()
    refresh_country_flags(iso2=[country.iso2])
    return record


@transaction.atomic
def override_fact(
    *,
    country: Country,
    kind: str,
    value: str,
    source: str,
    source_url: str,
    edition: str,
    note: str,
    by: object,
) -> Indicator:
    """The contact point sets a fact's value: "set by the institution", with the
    source it relied on and why. Earlier values stay in the history."""
    record = current_fact(country=country, kind=kind) or Indicator(
        country=country, kind=kind, reference=""
    )
    record.value = value
    record.source = source.strip()
    record.source_url = source_url.strip()
    record.edition = edition.strip()
    record.numeric_value, record.year = None, None
    record.detail = ""  # it described the value from the source
    record.licence = ""
    record.checked_on = timezone.localdate()
    record.origin = Indicator.Origin.ADMIN
    record.to_be_verified = False
    record.set_by_institution = True
    record.verification_note = note.strip()[:300]
    record._history_user = by
    record.save()
    refresh_country_flags(iso2=[country.iso2])
    return record


def current_fact(*, country: Country, kind: str) -> Indicator | None:
    """The record a fact of this kind currently comes from (see Country._flags)."""
    records = list(Indicator.objects.filter(country=country, kind=kind))
    return max(records, key=lambda r: (r.year or 0, r.loaded_at), default=None)
