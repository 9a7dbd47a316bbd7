"""From a Report row to its PDF: pick the template, build the data, render."""

from __future__ import annotations

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
    return pdf.render_html(
        template, {**context, "report": report, "pdf": True}, language=report.language
    )


def render(report: Report) -> pdf.Pdf:
    return pdf.html_to_pdf(render_html(report))
