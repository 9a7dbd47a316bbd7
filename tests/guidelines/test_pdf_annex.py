"""The institution summary PDF ends with the coverage map as an annex."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from screening.models import Report
from screening.reports import build
from tests import factories
from tests.screening.reports_support import pdf_text, pdf_to_png, scored_screening

pytestmark = pytest.mark.django_db

SUMMARY = Path(__file__).resolve().parents[2] / "templates/pdf/institution_summary.html"


def summary_report(language: str) -> Report:
    scored_screening(owner=factories.researcher())
    return Report.objects.create(
        kind=Report.Kind.SUMMARY,
        requested_by=factories.leader(language=language),
        language=language,
        params={},
        data_fingerprint="x",
    )


def test_the_summary_template_includes_the_annex_in_one_line():
    lines = SUMMARY.read_text(encoding="utf-8").splitlines()
    assert lines[-2:] == ['{% include "pdf/_coverage_annex.html" %}', "{% endblock %}"]


def test_the_annex_lists_the_advice_with_sources_and_absolute_links(tmp_path, settings):
    settings.SITE_URL = "https://samarbeid.example.no"
    report = summary_report("nb")
    html = build.render_html(report)
    annex = html[html.index("Vedlegg: slik følger institusjonen retningslinjene") :]
    assert "«Foreta en systematisk verdivurdering" in annex
    assert "«Etabler egne møteplasser for erfaringsdeling»" in annex
    assert "https://samarbeid.example.no/cases/" in annex
    assert "18.07.2024" in annex
    pdf = build.render(report)
    text = pdf_text(pdf.content, tmp_path)
    assert "Vedlegg: slik følger institusjonen retningslinjene" in text
    assert "Råd til fagmiljøene" in text
    # the annex comes after the method appendix, at the very end
    assert text.index("Vedlegg: datakilder og metode") < text.index(
        "Vedlegg: slik følger institusjonen"
    )
    assert re.search(rf"Side {pdf.pages} av {pdf.pages}\b", text)


def test_the_annex_in_english_keeps_the_norwegian_words(tmp_path):
    report = summary_report("en")
    html = build.render_html(report)
    assert "Annex: how the institution follows the guidelines" in html
    assert "«Build competence and awareness»" in html
    assert "«Bygg kompetanse og bevissthet»" in html
    pdf = build.render(report)
    out = Path("/tmp/cases")
    out.mkdir(exist_ok=True)
    (out / "summary-en.pdf").write_bytes(pdf.content)
    assert pdf_to_png(pdf.content, tmp_path, "summary-en")
    assert pdf.pages >= 3
