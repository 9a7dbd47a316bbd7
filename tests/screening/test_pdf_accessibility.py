"""The PDFs meet universal design: tagged PDF/UA, language, title, alternative
text for charts, header cells in tables, and no character printed as a box."""

from __future__ import annotations

import io
import subprocess

import pytest
from pypdf import PdfReader

from screening.models import Report
from screening.reports import build, glyphs
from tests import factories
from tests.screening.reports_support import scored_screening


def _render(kind, *, language, screening=None):
    report = Report.objects.create(
        kind=kind,
        screening=screening,
        requested_by=factories.leader(language=language),
        language=language,
        params={},
        data_fingerprint="x",
    )
    return build.render(report).content


def _pdfinfo(content: bytes, tmp_path) -> str:
    path = tmp_path / "report.pdf"
    path.write_bytes(content)
    return subprocess.run(
        ["pdfinfo", str(path)], check=True, capture_output=True, text=True
    ).stdout


def _pdftotext(content: bytes, tmp_path) -> str:
    path = tmp_path / "report.pdf"
    path.write_bytes(content)
    return subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(path), "-"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout


def _structure(reader: PdfReader) -> list[tuple[str, str]]:
    """(structure type, alternative text) of every element of the tag tree."""
    out = []
    stack = [reader.trailer["/Root"]["/StructTreeRoot"]]
    while stack:
        node = stack.pop().get_object()
        if not hasattr(node, "get"):
            continue
        if "/S" in node:
            out.append((str(node["/S"]), str(node.get("/Alt", ""))))
        kids = node.get("/K")
        if kids is None:
            continue
        kids = kids.get_object()
        stack.extend(kids if isinstance(kids, list) else [kids])
    return out


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["nb", "nn", "en"])
def test_the_screening_report_is_tagged_with_language_and_title(language, tmp_path):
    screening = scored_screening()
    content = _render(Report.Kind.SCREENING, language=language, screening=screening)
    info = _pdfinfo(content, tmp_path)
    assert "Tagged:          yes" in info
    assert "Felles laboratorium for batterimaterialer" in info  # the Title line
    reader = PdfReader(io.BytesIO(content))
    root = reader.trailer["/Root"]
    assert root["/Lang"] == language
    assert root["/MarkInfo"]["/Marked"]
    assert root["/ViewerPreferences"]["/DisplayDocTitle"]
    assert "Felles laboratorium" in reader.metadata.title
    types = [kind for kind, _alt in _structure(reader)]
    assert "/H1" in types
    assert "/H2" in types
    assert "/Table" in types
    assert "/TH" in types  # header cells, not just bold text


@pytest.mark.django_db
def test_the_summary_charts_have_alternative_text_with_their_numbers(tmp_path):
    scored_screening()
    content = _render(Report.Kind.SUMMARY, language="nb")
    assert "Tagged:          yes" in _pdfinfo(content, tmp_path)
    reader = PdfReader(io.BytesIO(content))
    assert reader.trailer["/Root"]["/Lang"] == "nb"
    assert reader.metadata.title == "Risikooppsummering for institusjonen"
    figures = [alt for kind, alt in _structure(reader) if kind == "/Figure"]
    assert figures
    assert all(alt for alt in figures)  # every chart has a text alternative
    levels = next(alt for alt in figures if "Vurderinger etter risikonivå" in alt)
    assert "Høy: 1" in levels


@pytest.mark.django_db
def test_emoji_and_symbols_print_as_glyphs_or_as_their_names(tmp_path):
    screening = scored_screening(
        answers={"collab.reflection": "Åpenhet ✅ ★ → 🙂, og nytt: 🥲"}
    )
    content = _render(Report.Kind.SCREENING, language="nb", screening=screening)
    text = _pdftotext(content, tmp_path)
    assert "Åpenhet ✅ ★ → 🙂, og nytt: [smiling face with tear]" in text
    fonts = str(
        [
            font.get_object().get("/BaseFont")
            for page in PdfReader(io.BytesIO(content)).pages
            for font in page["/Resources"]["/Font"].values()
        ]
    )
    assert "Report-Symbols" in fonts  # the shipped symbol font, not a system one


def test_a_character_no_report_font_has_is_named():
    assert glyphs.printable("Plan 🙂 ✓ 清华 æøå") == "Plan 🙂 ✓ 清华 æøå"
    assert glyphs.printable("Ferdig 🥲!") == "Ferdig [smiling face with tear]!"
    assert glyphs.printable("👍🏽") == "👍🏽"  # a skin tone modifier is drawn too
    assert glyphs.printable("a\u200db\ufe0f") == "a\u200db\ufe0f"  # invisible
