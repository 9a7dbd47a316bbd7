"""From a Report row to its PDF: pick the template, build the data, render."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django.conf import settings
from django.urls import reverse
from django.utils import translation

from competence import coverage
from screening.models import Report
from screening.reports import charts_context, pdf, register, screening_data, summary

EXEC_ROWS = 4  # rows of each list on the summary's first page; the rest follow
EXEC_COUNTRIES = 6


def render_html(report: Report) -> str:
    with translation.override(report.language):
        if report.kind == Report.Kind.SCREENING:
            context = screening_data.build(report.screening)
            template = "pdf/screening_report.html"
        else:
            data = summary.build(summary.Filter.from_params(report.params))
            context = {
                "summary": data,
                **charts_context.build_charts(data, prefix="pdf"),
                **executive_page(data),
                **register.pdf_context(data.filter),
                "coverage": coverage.by_unit(),
            }
            template = "pdf/institution_summary.html"
    context = {**context, "report": report, "pdf": True}
    context["online_url"] = online_url(report)
    return pdf.render_html(template, context, language=report.language)


def online_url(report: Report) -> str:
    """Where the reader of the PDF finds the same data live (SITE_URL based)."""
    if report.kind == Report.Kind.SCREENING:
        path = reverse("screening:detail", args=[report.screening_id])
        return settings.SITE_URL + path
    query = urlencode(report.params or {})
    path = reverse("screening:dashboard") + (f"?{query}" if query else "")
    return settings.SITE_URL + path


def render(report: Report) -> pdf.Pdf:
    return pdf.html_to_pdf(render_html(report))


def executive_page(data: summary.Summary) -> dict[str, Any]:
    """What the summary's first page shows beyond the key figures: short lists,
    with how many more the tables after it hold."""
    names = summary.level_names()
    countries = [
        {**g, "high": sum(g["levels"].get(k, 0) for k in summary.HIGH_LEVELS)}
        for g in data.by_country
    ]
    confirmed = [p for p in data.listed_partners if p["confirmed"]]
    pending = [p for p in data.listed_partners if not p["confirmed"]]
    shown = confirmed[:EXEC_ROWS]  # confirmed first, then pending, as room allows
    shown_pending = pending[: EXEC_ROWS - len(shown)]
    return {
        "level_rows": [
            (key, names[key], data.by_level.get(key, 0)) for key in summary.LEVELS
        ],
        "top_countries": countries[:EXEC_COUNTRIES],
        "more_countries": max(0, len(countries) - EXEC_COUNTRIES),
        "listed_confirmed": shown,
        "listed_pending": shown_pending,
        "listed_more": len(data.listed_partners) - len(shown) - len(shown_pending),
        "overdue": data.overdue_reviews[:EXEC_ROWS],
        "overdue_more": max(0, len(data.overdue_reviews) - EXEC_ROWS),
        "expiring": data.expiring[:EXEC_ROWS],
        "expiring_more": max(0, len(data.expiring) - EXEC_ROWS),
        "waiting_days": settings.REVIEW_WAITING_DAYS,
        "period": screening_data.period(data.filter.since, data.filter.until),
    }
