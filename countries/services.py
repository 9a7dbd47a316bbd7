"""Named actions on country profiles.

`refresh_country_flags` is the one place that writes the derived flag columns
on Country; every path that changes indicators (sync, import, admin) calls it.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db import transaction

from config.queueing import send_on_commit
from countries import tasks
from countries.models import Assessment, Country

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
    touched = list(iso2) if iso2 is not None else [c.iso2 for c in changed]
    _rescore_screenings(touched, "country_indicators")
    return len(changed)


def _rescore_screenings(iso2: list[str], kind: str) -> None:
    """The screenings of these countries follow their facts (on commit)."""
    from screening.services import rescoring

    names = Country.objects.filter(iso2__in=iso2).order_by("iso2")
    cause = {"kind": kind, "country": ", ".join(str(c.name) for c in names[:3])}
    rescoring.enqueue(countries=iso2, cause=cause)


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
