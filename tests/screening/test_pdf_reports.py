"""The PDFs themselves: text, languages, escaping, page numbers, and PNGs to look at."""

from __future__ import annotations

import re

import pytest

from screening.models import Report
from screening.reports import build
from tests import factories
from tests.screening.reports_support import (
    XSS,
    pdf_fonts,
    pdf_text,
    pdf_to_png,
    scored_screening,
)


def _report(kind, *, language, screening=None, user=None, params=None):
    user = user or factories.leader(language=language)
    return Report.objects.create(
        kind=kind,
        screening=screening,
        requested_by=user,
        language=language,
        params=params or {},
        data_fingerprint="x",
    )


@pytest.mark.django_db
def test_the_screening_report_in_bokmal_has_levels_ledger_sources_and_pages(tmp_path):
    screening = scored_screening()
    report = _report(Report.Kind.SCREENING, language="nb", screening=screening)
    pdf = build.render(report)
    text = pdf_text(pdf.content, tmp_path)
    assert "Felles laboratorium for batterimaterialer" in text
    assert "Tsinghua University" in text
    assert "Høy" in text
    assert "Middels" in text
    assert "Lav" in text
    assert "Partneren har indirekte militære bånd" in text
    assert "V-Dem v14" in text
    assert "2023" in text
    assert "HT-04" in text
    assert "Eksportkontrollansvarlig" in text
    assert "Adgangskort bare for prosjektets ansatte." in text
    assert "Åpenhet om resultater er vår røde linje." in text
    assert "Vurdering av internasjonalt kunnskapssamarbeid (versjon 1)" in " ".join(
        text.split()
    )
    assert "samarbeid v1" not in text
    assert "清华大学" in text  # the partner's Chinese name, in the shipped CJK font
    fonts = " ".join(pdf_fonts(pdf.content))
    assert "Report-CJK" in fonts  # our @font-face names: the vendored fonts
    assert "Report-Sans" in fonts
    pages = text.split("Laget ")
    assert len(pages) == pdf.pages + 1
    assert all("Intern / Internal" in page for page in pages[:-1])  # every page
    assert re.search(rf"Side 1 av {pdf.pages}\b", text)
    pngs = pdf_to_png(pdf.content, tmp_path, "screening-nb")
    assert pngs
    assert pngs[0].stat().st_size > 10_000


@pytest.mark.django_db
def test_the_screening_report_in_english(tmp_path):
    screening = scored_screening()
    report = _report(Report.Kind.SCREENING, language="en", screening=screening)
    pdf = build.render(report)
    text = pdf_text(pdf.content, tmp_path)
    assert "SCREENING REPORT" in text  # the cover kicker, in capitals
    assert "High" in text
    assert "Medium" in text
    assert "The partner has indirect military links" in text
    assert "Export control officer" in text
    assert re.search(rf"Page 1 of {pdf.pages}\b", text)


@pytest.mark.django_db
def test_user_text_with_markup_is_printed_as_text(tmp_path):
    screening = scored_screening(
        title="Tittel " + XSS, mitigation_plan={"M-SEC-01": XSS}
    )
    report = _report(Report.Kind.SCREENING, language="nb", screening=screening)
    html = build.render_html(report)
    assert "<img" not in html
    assert "&lt;img src=&quot;file:///etc/passwd&quot;&gt;" in html
    text = pdf_text(build.render(report).content, tmp_path)
    assert '<img src="file:///etc/passwd">' in text
    assert "root:x:0:0" not in text


@pytest.mark.django_db
def test_the_institution_summary_has_figures_charts_tables_and_sources(tmp_path):
    owner = factories.researcher()
    scored_screening(owner=owner)
    factories.AgreementFactory(title="Avtale som snart går ut", end_date=None)
    report = _report(Report.Kind.SUMMARY, language="nb")
    html = build.render_html(report)
    assert html.count('role="img"') == 5
    assert "<desc" in html
    pdf = build.render(report)
    text = pdf_text(pdf.content, tmp_path)
    assert "Risikooppsummering for institusjonen" in text
    assert "Felles laboratorium for batterimaterialer" in text  # high-risk list
    assert "Vedlegg: datakilder og metode" in text
    assert re.search(rf"Side 1 av {pdf.pages}\b", text)
    pngs = pdf_to_png(pdf.content, tmp_path, "summary-nb")
    assert pngs


@pytest.mark.django_db
def test_the_screening_report_says_why_a_route_applies_in_words():
    screening = scored_screening()
    report = _report(Report.Kind.SCREENING, language="nb", screening=screening)
    html = build.render_html(report)
    assert "Kan resultatene eller kunnskapen brukes militært" in html
    assert "research.dual_use=yes" not in html
