"""From a Report row to its PDF: pick the template, build the data, render."""

from __future__ import annotations

from urllib.parse import urlencode

from django.conf import settings
from django.urls import reverse
from django.utils import translation

from screening.models import Report
from screening.reports import charts_context, pdf, screening_data, summary


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
