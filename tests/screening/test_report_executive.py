"""Page 1 of each report is what a leader reads: the situation at a glance.
The details follow, with no heading left alone at the foot of a page."""

from __future__ import annotations

import datetime as dt
import re
import subprocess

import pytest
from django.utils import timezone
from django.utils.formats import date_format

from agreements.models import PartnerMatch
from screening.models import Report, Screening, Transition
from screening.reports import build, pdf, summary
from screening.reports.fetcher import StaticOnlyFetcher
from tests import factories
from tests.screening.reports_support import result_json, scored_screening


def _report(kind, *, language="nb", screening=None, params=None):
    return Report.objects.create(
        kind=kind,
        screening=screening,
        requested_by=factories.leader(language=language),
        language=language,
        params=params or {},
        data_fingerprint="x",
    )


def page_texts(content: bytes, tmp_path) -> list[str]:
    """The text of each page (pdftotext, reading order), whitespace collapsed."""
    path = tmp_path / "report.pdf"
    path.write_bytes(content)
    text = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(path), "-"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return [" ".join(page.split()) for page in text.split("\f")[:-1]]


def _decided_screening():
    screening = scored_screening(period_start=None, period_end=None)
    list_entry = factories.NamedListEntryFactory(
        named_list=factories.NamedListFactory(title="Forsvarstilknyttede institusjoner")
    )
    factories.PartnerMatchFactory(
        partner=screening.partner,
        entry=list_entry,
        status=PartnerMatch.Status.CONFIRMED,
    )
    Transition.objects.create(
        screening=screening,
        action=Transition.Action.APPROVE_WITH_CONDITIONS,
        from_status="in_review",
        to_status="approved",
        actor=factories.contact_point(),
        comment="Ingen tilgang til laboratoriet for gjesteforskere.",
    )
    return screening


@pytest.mark.django_db
def test_page_one_of_the_screening_report_is_a_summary_for_leadership(tmp_path):
    screening = _decided_screening()
    content = build.render(_report(Report.Kind.SCREENING, screening=screening)).content
    first, *details = page_texts(content, tmp_path)
    assert "Sammendrag for ledelsen" in first
    assert re.search(r"Samlet risikonivå .*Høy", first)
    for dimension in ("Sikkerhet og påvirkning 9 Høy", "Akademisk frihet og etikk 4"):
        assert dimension in first
    assert "Tsinghua University" in first
    assert "På en navneliste: Forsvarstilknyttede institusjoner" in first
    assert "Landet har lav akademisk frihet → +4 poeng" in first  # the fact
    assert "Godkjent med vilkår" in first  # the decision ...
    assert "Ingen tilgang til laboratoriet for gjesteforskere." in first  # its terms
    assert "Åpne ruter" in first
    assert "Eksportkontrollansvarlig" in first
    assert "Planlagt periode \u2013" in first  # no period: a dash
    assert "…" not in first
    assert "Intern / Internal" in first
    assert f"Side 1 av {len(details) + 1}" in first
    assert "Hvorfor: forklaringen linje for linje" in details[0]  # details follow
    assert all("Intern / Internal" in page for page in details)


@pytest.mark.django_db
def test_a_period_with_one_end_says_from_or_until(tmp_path):
    screening = scored_screening(period_start=dt.date(2026, 3, 1), period_end=None)
    html = build.render_html(_report(Report.Kind.SCREENING, screening=screening))
    assert "Fra 01.03.2026" in html
    assert "\u2026 \u2013" not in html  # no "unknown to unknown"


def _headings_alone(html: str) -> list[str]:
    """Headings that end a page: nothing but their introduction below them."""
    from weasyprint import HTML
    from weasyprint.formatting_structure import boxes

    document = HTML(
        string=html, base_url=pdf.BASE_URL, url_fetcher=StaticOnlyFetcher()
    ).render()
    alone = set()
    for page in document.pages:
        root = page._page_box.children[0]  # the <html> box; not the margin boxes
        placed = list(root.descendants())
        content = [
            b for b in placed if isinstance(b, boxes.TextBox | boxes.ReplacedBox)
        ]
        for heading in (b for b in placed if isinstance(b, boxes.BlockBox)):
            if heading.element_tag not in ("h2", "h3"):
                continue
            bottom = heading.position_y + heading.margin_height()
            if not any(
                b.position_y >= bottom - 0.5
                and b.element is not heading.element
                and "intro" not in b.element.get("class", "")  # goes with it
                for b in content
            ):
                alone.add("".join(heading.element.itertext()))
    return sorted(alone)


@pytest.mark.django_db
def test_no_heading_of_the_screening_report_ends_a_page():
    """A plan growing three lines at a time moves every later heading (and its
    introduction) past the foot of a page at least once."""
    screening = _decided_screening()
    line = "Linje med tekst som fyller en hel linje i rapporten her ok. "
    stranded = {}
    for lines in range(0, 31, 3):
        screening.mitigation_plan = {"M-SEC-01": line * lines}
        screening.save()
        html = build.render_html(_report(Report.Kind.SCREENING, screening=screening))
        if alone := _headings_alone(html):
            stranded[lines] = alone
    assert stranded == {}


def _screening_submitted(day: dt.date, **kwargs):
    screening = scored_screening(**kwargs)
    moment = timezone.make_aware(dt.datetime.combine(day, dt.time(12)))
    Screening.objects.filter(pk=screening.pk).update(submitted_at=moment)
    return screening


@pytest.mark.django_db
def test_page_one_of_the_institution_summary_is_for_the_board(tmp_path, settings):
    settings.REVIEW_WAITING_DAYS = 14
    today = timezone.localdate()
    _screening_submitted(today - dt.timedelta(days=40), title="Gammel sak som venter")
    _screening_submitted(today, title="Ny sak", status=Screening.Status.APPROVED)
    listed = factories.PartnerFactory(
        name="Harbin Institute", named_list_status="confirmed"
    )
    factories.PartnerMatchFactory(
        partner=listed,
        status=PartnerMatch.Status.CONFIRMED,
        entry=factories.NamedListEntryFactory(
            named_list=factories.NamedListFactory(title="Forsvarsuniversiteter")
        ),
    )
    pending = factories.PartnerFactory(
        name="Beihang Lab", named_list_status="candidate"
    )
    factories.PartnerMatchFactory(partner=pending, score=0.95)
    factories.AgreementFactory(
        title="Utveksling med Fudan", end_date=today + dt.timedelta(days=30)
    )
    later = today + dt.timedelta(days=200)
    factories.AgreementFactory(title="Lang avtale", end_date=later)
    content = build.render(_report(Report.Kind.SUMMARY)).content
    first = page_texts(content, tmp_path)[0]
    assert "Porteføljen etter samlet risikonivå" in first
    assert "Porteføljen etter land" in first
    assert "Kina 2 2" in first  # two screenings, both high
    assert "Harbin Institute" in first
    assert "bekreftet: Forsvarsuniversiteter" in first
    assert "Beihang Lab" in first
    assert "venter på kontaktpunktet" in first
    assert "Utveksling med Fudan" in first
    assert "Lang avtale" not in first
    overdue = first.split("Vurderinger som har ventet for lenge på behandling")[1]
    assert "Gammel sak som venter" in overdue
    assert "Ny sak" not in overdue
    assert "Utvikling per kvartal" in first
    assert "Intern / Internal" in first


@pytest.mark.django_db
def test_the_trend_has_every_quarter_and_month_between_first_and_today():
    today = timezone.localdate()
    long_ago = today.replace(day=1) - dt.timedelta(days=400)  # 13 or 14 months back
    _screening_submitted(long_ago)
    _screening_submitted(today)
    data = summary.build(summary.Filter())
    quarters = [q["total"] for q in data.by_quarter]
    assert len(quarters) in (5, 6)  # every quarter in between, the empty ones too
    assert quarters[0] == 1
    assert quarters[-1] == 1
    assert sum(quarters) == 2
    months = data.by_month
    assert len(months) in (14, 15)  # no month skipped
    assert sum(sum(m["cells"]) for m in months) == 2
    assert months[-1]["label"] == date_format(today, "YEAR_MONTH_FORMAT")


@pytest.mark.django_db
def test_page_one_stays_one_page_for_a_case_with_many_routes_and_facts(tmp_path):
    result = result_json()
    trigger, route = result["hard_triggers"][0], result["routes"][0]
    fact = next(line for line in result["ledger"] if line["source"] == "country")
    result["hard_triggers"] = [{**trigger, "key": f"HT-{i:02d}"} for i in range(9)]
    result["routes"] = [{**route, "key": f"R-{i}"} for i in range(8)]
    result["ledger"] += [{**fact, "key": f"flag_{i}"} for i in range(12)]
    screening = scored_screening(result=result)
    content = build.render(_report(Report.Kind.SCREENING, screening=screening)).content
    first, second, *_rest = page_texts(content, tmp_path)
    assert "Sammendrag for ledelsen" in first
    assert "og 5 til, se listen som følger" in first  # triggers beyond four
    assert "Detaljene følger på de neste sidene." in first
    assert (
        second.split("Intern / Internal")[-1]
        .strip()
        .startswith("Hvorfor: forklaringen linje for linje")
    )
