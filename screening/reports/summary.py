"""The institution risk summary: the figures behind the dashboard and the PDF.

Everything is aggregated in SQL (counts grouped by level, country, unit, month),
so the cost grows with the number of groups, not with the number of agreements
or screenings. Lists are capped at `LIST_LIMIT` rows.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.db.models import Count, Q
from django.db.models.functions import Coalesce, TruncMonth
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from agreements.matching import PROBABLE
from agreements.models import Agreement, Partner, PartnerMatch, Unit
from agreements.models.named_lists import NamedList
from countries import levels
from countries.models import Country
from screening.models import Screening
from screening.reports import dimensions

LEVELS = (*levels.LEVELS, levels.INCOMPLETE)  # the order of the report's columns
HIGH_LEVELS = levels.HIGH_LEVELS
PENDING_REVIEW = (Screening.Status.SUBMITTED, Screening.Status.IN_REVIEW)
NOT_COUNTED = (Screening.Status.DRAFT, Screening.Status.WITHDRAWN)
EXPIRY_DAYS = 90
LIST_LIMIT = 50


@dataclass(frozen=True)
class Filter:
    """Which part of the institution, and which period of screenings."""

    unit_id: int | None = None
    since: dt.date | None = None
    until: dt.date | None = None

    @classmethod
    def from_params(cls, params: dict[str, Any]) -> Filter:
        def date(key: str) -> dt.date | None:
            value = params.get(key)
            return dt.date.fromisoformat(value) if value else None

        unit = params.get("unit")
        return cls(
            unit_id=int(unit) if unit else None,
            since=date("since"),
            until=date("until"),
        )

    def to_params(self) -> dict[str, Any]:
        params: dict[str, Any] = {}
        if self.unit_id:
            params["unit"] = self.unit_id
        if self.since:
            params["since"] = self.since.isoformat()
        if self.until:
            params["until"] = self.until.isoformat()
        return params


@dataclass
class Summary:
    filter: Filter
    unit: Unit | None
    today: dt.date
    key_figures: dict[str, int] = field(default_factory=dict)
    by_level: dict[str, int] = field(default_factory=dict)
    by_status: list[tuple[str, str, int]] = field(default_factory=list)
    by_month: list[dict[str, Any]] = field(default_factory=list)
    by_quarter: list[dict[str, Any]] = field(default_factory=list)
    by_country: list[dict[str, Any]] = field(default_factory=list)
    by_unit: list[dict[str, Any]] = field(default_factory=list)
    by_dimension: list[dict[str, Any]] = field(default_factory=list)
    high_risk: list[dict[str, Any]] = field(default_factory=list)
    pending_reviews: list[dict[str, Any]] = field(default_factory=list)
    overdue_reviews: list[dict[str, Any]] = field(default_factory=list)
    expiring: list[dict[str, Any]] = field(default_factory=list)
    named_lists: list[NamedList] = field(default_factory=list)
    listed_partners: list[dict[str, Any]] = field(default_factory=list)


def build(flt: Filter) -> Summary:
    today = timezone.localdate()
    unit = Unit.objects.filter(pk=flt.unit_id).first() if flt.unit_id else None
    screenings = Screening.objects.all()
    agreements = Agreement.objects.all()
    if unit is not None:
        units = unit.descendant_ids()
        screenings = screenings.filter(unit_id__in=units)
        agreements = agreements.filter(responsible_unit_id__in=units)
    if flt.since:
        screenings = screenings.filter(created_at__date__gte=flt.since)
    if flt.until:
        screenings = screenings.filter(created_at__date__lte=flt.until)
    counted = screenings.exclude(status__in=NOT_COUNTED)
    summary = Summary(filter=flt, unit=unit, today=today)
    summary.by_level, summary.by_status = _by_level_and_status(screenings)
    months = _months(counted)
    last = min(flt.until or today, today)
    summary.by_month = _by_month(months, last)
    summary.by_quarter = _by_quarter(months, last)
    country_name = f"country__{Country.name_field()}"
    summary.by_country = _pivot(counted, "country_id", country_name)
    summary.by_unit = _pivot(counted, "unit_id", "unit__name")
    summary.by_dimension = dimensions.count_levels(counted, LEVELS)
    summary.high_risk = _screening_rows(
        counted.filter(overall_level__in=HIGH_LEVELS).order_by(
            "-overall_level", "-updated_at"
        )
    )
    summary.pending_reviews = _screening_rows(
        screenings.filter(status__in=PENDING_REVIEW).order_by("submitted_at", "pk")
    )
    waiting_since = timezone.now() - dt.timedelta(days=settings.REVIEW_WAITING_DAYS)
    summary.overdue_reviews = [
        row
        for row in summary.pending_reviews
        if row["submitted_at"] and row["submitted_at"] <= waiting_since
    ]
    expiring = agreements.filter(
        status=Agreement.Status.ACTIVE,
        end_date__gte=today,
        end_date__lte=today + dt.timedelta(days=EXPIRY_DAYS),
    )
    summary.expiring = _agreement_rows(expiring.order_by("end_date", "pk"))
    figures = agreements.aggregate(
        active=Count("pk", filter=Q(status=Agreement.Status.ACTIVE)),
        unscreened=Count(
            "pk",
            filter=Q(status=Agreement.Status.ACTIVE, last_screening_level=""),
        ),
        expiring=Count(
            "pk",
            filter=Q(
                status=Agreement.Status.ACTIVE,
                end_date__gte=today,
                end_date__lte=today + dt.timedelta(days=EXPIRY_DAYS),
            ),
        ),
    )
    summary.key_figures = {
        "screenings": sum(summary.by_level.values()),
        "high": sum(summary.by_level.get(key, 0) for key in HIGH_LEVELS),
        "pending": sum(
            n for key, _label, n in summary.by_status if key in PENDING_REVIEW
        ),
        **figures,
    }
    summary.named_lists = list(NamedList.objects.filter(active=True).order_by("title"))
    summary.listed_partners = _listed_partners(screenings, agreements, unit)
    return summary


def _listed_partners(screenings, agreements, unit: Unit | None) -> list[dict[str, Any]]:
    """Partners with a confirmed named-list match or a probable one awaiting
    the contact point (of the unit's screenings and agreements, if a unit)."""
    partners = Partner.objects.filter(named_list_status__in=("confirmed", "candidate"))
    if unit is not None:
        partners = partners.filter(
            Q(pk__in=screenings.values("partner_id"))
            | Q(agreements__in=agreements.values("pk"))
        ).distinct()
    rows = list(
        partners.order_by("named_list_status", "name").values(
            "pk", "name", "named_list_status", f"country__{Country.name_field()}"
        )[:LIST_LIMIT]
    )
    matches = PartnerMatch.objects.filter(
        Q(status=PartnerMatch.Status.CONFIRMED)
        | Q(status=PartnerMatch.Status.CANDIDATE, score__gte=PROBABLE),
        partner_id__in=[r["pk"] for r in rows],
    ).values_list("partner_id", "entry__named_list__title", "status")
    lists: dict[int, list[str]] = {}
    for partner_id, title, status in matches.order_by("entry__named_list__title"):
        label = (
            title
            if status == "confirmed"
            else _("%(list)s (awaiting)") % {"list": title}
        )
        if label not in lists.setdefault(partner_id, []):
            lists[partner_id].append(label)
    return [
        {
            "pk": r["pk"],
            "name": r["name"],
            "country_name": r[f"country__{Country.name_field()}"],
            "confirmed": r["named_list_status"] == "confirmed",
            "lists": lists.get(r["pk"], []),
        }
        for r in rows
    ]


def _screening_rows(screenings) -> list[dict[str, Any]]:
    """The first `LIST_LIMIT` screenings as the lists show them: a few columns
    as plain rows, not whole screenings with their answers and result
    (kilobytes of JSON each), with names from choices read once
    (`get_FOO_display` rebuilds the choices for every row)."""
    country = f"country__{Country.name_field()}"
    levels = dict(Screening.Level.choices)
    states = dict(Screening.Status.choices)
    rows = screenings.values(
        "pk",
        "title",
        "overall_level",
        "status",
        "submitted_at",
        "proposed_partner_name",
        "partner__name",
        country,
        "unit__name",
    )[:LIST_LIMIT]
    return [
        {
            **row,
            # As Screening.partner_name: the registered partner, else the proposed.
            "partner_name": row["partner__name"]
            if row["partner__name"] is not None
            else row["proposed_partner_name"],
            "country_name": row[country],
            "unit_name": row["unit__name"],
            "level_name": levels.get(row["overall_level"], ""),
            "status_name": states.get(row["status"], ""),
        }
        for row in rows
    ]


def _agreement_rows(agreements) -> list[dict[str, Any]]:
    """The first `LIST_LIMIT` agreements as the expiring list shows them."""
    levels = dict(Screening.Level.choices)
    rows = agreements.values(
        "pk", "title", "end_date", "last_screening_level", "responsible_unit__name"
    )[:LIST_LIMIT]
    partners = _partner_names(agreements.values("pk")[:LIST_LIMIT])
    return [
        {
            **row,
            "unit_name": row["responsible_unit__name"],
            "level_name": levels.get(row["last_screening_level"], ""),
            "partner_names": partners.get(row["pk"], []),
        }
        for row in rows
    ]


def _partner_names(listed) -> dict[int, list[str]]:
    """Partner names of each listed agreement, in one query that also runs
    when none are listed (`prefetch_related` would skip it, and the page's
    query count would depend on the data)."""
    through = Agreement.partners.through
    rows = (
        through.objects.filter(agreement_id__in=listed)
        .order_by("partner__name")
        .values_list("agreement_id", "partner__name")
    )
    names: dict[int, list[str]] = {}
    for agreement_id, name in rows:
        names.setdefault(agreement_id, []).append(name)
    return names


def level_names() -> dict[str, str]:
    return {value: str(label) for value, label in Screening.Level.choices}


def _by_level_and_status(screenings) -> tuple[dict[str, int], list[tuple]]:
    """Counted screenings by level, and all by status, from one grouped query.

    COUNT(*) rather than COUNT(id): PostgreSQL can then answer it from the
    (status, overall_level) index alone, without reading the wide rows."""
    rows = screenings.values_list("status", "overall_level").annotate(n=Count("*"))
    by_level = dict.fromkeys(LEVELS, 0)
    by_status: dict[str, int] = {}
    for status, level, n in rows:
        by_status[status] = by_status.get(status, 0) + n
        if status not in NOT_COUNTED and level in by_level:
            by_level[level] += n
    statuses = [
        (key, str(label), by_status.get(key, 0))
        for key, label in Screening.Status.choices
    ]
    return by_level, statuses


def _months(screenings) -> dict[dt.date, dict[str, int]]:
    """Counted screenings by the month they were submitted (started, if never)
    and level: {first day of month: {level: n}}, one grouped query."""
    rows = (
        screenings.annotate(month=TruncMonth(Coalesce("submitted_at", "created_at")))
        .values("month", "overall_level")
        .annotate(n=Count("pk"))
        .order_by("month")
    )
    months: dict[dt.date, dict[str, int]] = {}
    for row in rows:
        month = timezone.localtime(row["month"]).date().replace(day=1)
        counts = months.setdefault(month, {})
        counts[row["overall_level"]] = counts.get(row["overall_level"], 0) + row["n"]
    return months


def _by_month(months: dict[dt.date, dict[str, int]], last: dt.date) -> list[dict]:
    """The last 24 months up to `last`, every month in between, empty ones too:
    a chart whose columns skip quiet months misleads about the trend."""
    if not months:
        return []
    end = last.replace(day=1)
    start = max(min(months), _add_months(end, -23))
    out = []
    month = start
    while month <= end:
        counts = months.get(month, {})
        out.append(
            {
                "label": date_format(month, "YEAR_MONTH_FORMAT"),
                "short": date_format(month, "N Y"),
                "levels": counts,
                "cells": [counts.get(k, 0) for k in LEVELS],
            }
        )
        month = _add_months(month, 1)
    return out


def _by_quarter(months: dict[dt.date, dict[str, int]], last: dt.date) -> list[dict]:
    """The last 12 quarters up to `last`, continuous, empty quarters included."""
    if not months:
        return []
    quarters: dict[tuple[int, int], dict[str, int]] = {}
    for month, counts in months.items():
        totals = quarters.setdefault(_quarter(month), {})
        for level, n in counts.items():
            totals[level] = totals.get(level, 0) + n
    end = _quarter(last)
    first = max(min(quarters), _quarter(_add_months(last.replace(day=1), -33)))
    out = []
    year, q = first
    while (year, q) <= end:
        counts = quarters.get((year, q), {})
        label = _("Q%(quarter)s %(year)s") % {"quarter": q, "year": year}
        out.append(
            {
                "label": label,
                "short": label,
                "levels": counts,
                "cells": [counts.get(k, 0) for k in LEVELS],
                "total": sum(counts.values()),
            }
        )
        year, q = (year + 1, 1) if q == 4 else (year, q + 1)
    return out


def _quarter(day: dt.date) -> tuple[int, int]:
    return day.year, (day.month - 1) // 3 + 1


def _add_months(day: dt.date, n: int) -> dt.date:
    index = day.year * 12 + day.month - 1 + n
    return dt.date(index // 12, index % 12 + 1, 1)


def _pivot(screenings, key: str, name: str) -> list[dict[str, Any]]:
    """Counts per level for each country or unit, largest first, top 15."""
    rows = screenings.values(key, name, "overall_level").annotate(n=Count("pk"))
    groups: dict[Any, dict[str, Any]] = {}
    for row in rows:
        group = groups.setdefault(
            row[key], {"key": row[key], "name": row[name], "levels": {}, "total": 0}
        )
        group["levels"][row["overall_level"]] = row["n"]
        group["total"] += row["n"]
    ordered = sorted(groups.values(), key=lambda g: (-g["total"], str(g["name"])))
    for group in ordered:
        group["cells"] = [group["levels"].get(level, 0) for level in LEVELS]
    return ordered[:15]
