"""A change in how reports look makes a new PDF; pages keep charts with headings."""

from __future__ import annotations

import itertools

import pytest

from screening import tasks
from screening.models import Report
from screening.reports import build, fingerprints, pdf, services
from screening.reports.fetcher import StaticOnlyFetcher
from tests import factories
from tests.screening.reports_support import scored_screening


@pytest.fixture(autouse=True)
def _private_media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def test_the_layout_hash_covers_templates_css_and_catalogues():
    names = {path.name for path in fingerprints.layout_files()}
    assert {"screening_report.html", "institution_summary.html"} <= names
    assert {"base_pdf.html", "_summary_tables.html", "pdf.css"} <= names
    assert {"screening_data.py", "ledger.py", "django.mo"} <= names


def test_the_layout_hash_changes_with_any_file_or_the_version(tmp_path):
    css, template = tmp_path / "pdf.css", tmp_path / "report.html"
    css.write_text("h2 { color: navy; }")
    template.write_text("<h2>{{ title }}</h2>")
    before = fingerprints.layout_of([css, template], version=1)
    assert fingerprints.layout_of([template, css], version=1) == before
    assert fingerprints.layout_of([css, template], version=2) != before
    css.write_text("h2 { color: navy; break-after: avoid; }")
    assert fingerprints.layout_of([css, template], version=1) != before


def test_a_new_layout_renders_the_report_again_for_unchanged_data(
    leader, monkeypatch, django_capture_on_commit_callbacks
):
    screening = scored_screening()
    with django_capture_on_commit_callbacks(execute=True):
        old = services.request_report(
            kind=Report.Kind.SCREENING, by=leader, screening=screening
        )
    old.refresh_from_db()
    assert old.status == Report.Status.READY, old.error
    same = services.request_report(
        kind=Report.Kind.SCREENING, by=leader, screening=screening
    )
    assert same.pk == old.pk

    monkeypatch.setattr(fingerprints, "layout", lambda: "templates changed")
    assert fingerprints.out_of_date([old]) == {old.pk}
    sent = []
    monkeypatch.setattr(tasks.render_report, "delay", sent.append)
    with django_capture_on_commit_callbacks(execute=True):
        new = services.request_report(
            kind=Report.Kind.SCREENING, by=leader, screening=screening
        )
    assert new.pk != old.pk
    assert sent == [new.pk]


def _pages_of_headings_and_charts() -> list[tuple[str, set[int], set[int]]]:
    """(heading, pages it is on, pages of what follows it) for every heading
    of the summary's chart sections, from WeasyPrint's laid-out pages."""
    from weasyprint import HTML

    report = Report.objects.create(
        kind=Report.Kind.SUMMARY,
        requested_by=factories.leader(),
        language="nb",
        data_fingerprint="x",
    )
    html = build.render_html(report)
    document = HTML(
        string=html, base_url=pdf.BASE_URL, url_fetcher=StaticOnlyFetcher()
    ).render()
    pages: dict[int, set[int]] = {}
    elements = {}
    for number, page in enumerate(document.pages):
        for box in page._page_box.descendants():
            element = getattr(box, "element", None)
            if element is not None:
                pages.setdefault(id(element), set()).add(number)
                elements[id(element)] = element
    root = next(e for e in elements.values() if e.tag == "html")
    following = {}  # heading -> the element after it (the chart block's heading)
    for parent in root.iter():
        children = list(parent)
        for a, b in itertools.pairwise(children):
            following[id(a)] = b[0] if b.tag == "div" and len(b) else b
        if parent.tag == "div" and len(children) > 1:
            following[id(children[0])] = children[1]  # h3 -> its chart
    out = []
    for key, element in elements.items():
        if element.tag in ("h2", "h3") and key in following:
            text = "".join(element.itertext())
            out.append((text, pages[key], pages.get(id(following[key]), set())))
    return out


CHART_HEADINGS = (
    "Risikonivå",
    "Vurderinger etter risikonivå",
    "Etter land og enhet",
    "Vurderinger etter land",
    "Vurderinger etter enhet",
    "Etter risikodimensjon",
    "Høy eller svært høy, etter dimensjon",
)


@pytest.mark.django_db
def test_summary_charts_stay_on_the_page_of_their_heading():
    units = [factories.UnitFactory(name=f"Institutt nummer {i}") for i in range(12)]
    for i in range(15):
        country = factories.CountryFactory(name_nb=f"Landet {i:02d}")
        scored_screening(country=country, unit=units[i % 12], title=f"Samarbeid {i}")
        if i % 7:
            continue  # three sizes: the tables grow and move the charts down
        found = {h: (on, nxt) for h, on, nxt in _pages_of_headings_and_charts()}
        for heading in CHART_HEADINGS:
            on, following = found[heading]
            assert len(on) == 1, (i, heading)
            assert following == on, (i, heading, on, following)
