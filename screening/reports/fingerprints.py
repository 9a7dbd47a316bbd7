"""Fingerprints of the data a report is made from, to spot out-of-date reports.

A screening report depends on one screening row: every save bumps its
`revision` and `updated_at`, so those (with status and level) stand for it.
The summary depends on the whole register: counts and the latest change of
agreements and screenings, two aggregate queries whatever the size.

Both also depend on how reports look: `layout()` hashes the report templates,
pdf.css, the code that builds the report data and the compiled translations,
once per process. A deploy that changes any of them makes ready reports out of
date, so nobody keeps a PDF with mistakes that have since been fixed. Bump
`LAYOUT_VERSION` for a change that none of those files shows (a questionnaire
label helper elsewhere, a WeasyPrint upgrade).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from functools import cache
from pathlib import Path
from typing import Any

from django.conf import settings
from django.contrib.staticfiles import finders
from django.db.models import Count, Max
from django.template.loader import get_template

from agreements.models import Agreement, PartnerMatch
from screening import ledger
from screening.models import Report, Screening

SCREENING_FIELDS = (
    "pk",
    "revision",
    "updated_at",
    "status",
    "overall_level",
    "partner_id",
)
LAYOUT_VERSION = 1
REPORT_TEMPLATES = (
    "pdf/base_pdf.html",
    "screening/_summary_figures.html",
    "screening/_summary_tables.html",
    "screening/_summary_method.html",
)
REPORT_STATIC = ("css/pdf.css",)


def current(*, kind: str, screening: Any = None, params: dict[str, Any]) -> str:
    if kind == Report.Kind.SCREENING:
        row = Screening.objects.filter(pk=screening.pk).values(*SCREENING_FIELDS)
        row = row.first()
        matches = _matches({row["partner_id"]} if row else set())
        return _screening_hash(params, row, matches)
    return _summary(params)


def out_of_date(reports: Iterable[Report]) -> set[int]:
    """Ids of the ready reports whose data has changed, in a constant number of
    queries (one for all screenings, two per distinct summary filter)."""
    ready = [r for r in reports if r.status == Report.Status.READY]
    screening_ids = {r.screening_id for r in ready if r.screening_id}
    rows = {
        row["pk"]: row
        for row in Screening.objects.filter(pk__in=screening_ids).values(
            *SCREENING_FIELDS
        )
    }
    matches = _matches({row["partner_id"] for row in rows.values()})
    summaries: dict[str, str] = {}
    stale = set()
    for report in ready:
        if report.kind == Report.Kind.SCREENING:
            row = rows.get(report.screening_id)
            now = _screening_hash(report.params, row, matches)
        else:
            key = json.dumps(report.params, sort_keys=True)
            if key not in summaries:
                summaries[key] = _summary(report.params)
            now = summaries[key]
        if now != report.data_fingerprint:
            stale.add(report.pk)
    return stale


def _screening_hash(
    params: dict[str, Any], row: dict[str, Any] | None, matches: dict[int, Any]
) -> str:
    """A screening report also lists its partner's named-list candidates and
    their decisions, which change without the screening row."""
    data: dict[str, Any] = {"params": params, "screening": row}
    if row and row.get("partner_id") in matches:
        data["matches"] = matches[row["partner_id"]]
    return _hash(data)


def _matches(partner_ids: set[int | None]) -> dict[int, Any]:
    """{partner id: (count, last change)} of named-list candidates, one query."""
    rows = (
        PartnerMatch.objects.filter(partner_id__in=partner_ids - {None})
        .order_by()
        .values("partner_id")
        .annotate(n=Count("pk"), last=Max("updated_at"))
    )
    return {r["partner_id"]: (r["n"], r["last"]) for r in rows}


def _summary(params: dict[str, Any]) -> str:
    agreements = Agreement.objects.aggregate(n=Count("pk"), last=Max("updated_at"))
    screenings = Screening.objects.aggregate(n=Count("pk"), last=Max("updated_at"))
    return _hash({"params": params, "agreements": agreements, "screenings": screenings})


def _hash(data: dict[str, Any]) -> str:
    text = json.dumps({**data, "layout": layout()}, sort_keys=True, default=str)
    return hashlib.sha256(text.encode()).hexdigest()


@cache
def layout() -> str:
    """How reports look in this process: a hash of the files that decide it."""
    return layout_of(layout_files(), version=LAYOUT_VERSION)


def layout_of(files: Iterable[Path], *, version: int) -> str:
    digest = hashlib.sha256(f"layout v{version}".encode())
    for path in sorted(files):
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def layout_files() -> set[Path]:
    """Every pdf/ template and included partial, pdf.css, this package's code,
    the ledger grouping and the compiled catalogues."""
    pdf_dir = Path(get_template("pdf/base_pdf.html").origin.name).parent
    files = set(pdf_dir.glob("*.html"))
    files |= {Path(get_template(name).origin.name) for name in REPORT_TEMPLATES}
    files |= {Path(found) for name in REPORT_STATIC if (found := finders.find(name))}
    files |= set(Path(__file__).parent.glob("*.py"))
    files.add(Path(ledger.__file__))  # how the explanation ledger is grouped
    for locale in settings.LOCALE_PATHS:
        files |= set(Path(locale).glob("*/LC_MESSAGES/django.mo"))
    return files
