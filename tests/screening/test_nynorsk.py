"""The questionnaire, its result and the review in nynorsk."""

from __future__ import annotations

import pytest

from screening import questionnaire, scoring
from screening.models import Report
from tests import factories
from tests.screening.answers import EEA, Q, answers

pytestmark = pytest.mark.django_db

MILITARY = {"collab.components": ["joint_research"], "case.stage": "new"} | {
    "partner.military_links": "direct",
    "partner.sanctions_screened": "not_checked",
}


def test_a_section_asks_its_questions_in_nynorsk(client_for):
    researcher = factories.researcher(language="nn")
    screening = factories.ScreeningFactory(owner=researcher, unit=researcher.unit)
    html = client_for(researcher).get(f"/screenings/{screening.pk}/section/collab/")
    html = html.content.decode()
    assert '<html lang="nn">' in html
    assert "Kven tok initiativet til samarbeidet?" in html
    assert "Veit ikkje" in html
    assert "Hvem tok initiativet" not in html


def test_the_summary_explains_the_result_in_nynorsk(client_for):
    researcher = factories.researcher(language="nn")
    screening = factories.ScreeningFactory(
        owner=researcher, unit=researcher.unit, answers=MILITARY
    )
    html = client_for(researcher).get(f"/screenings/{screening.pk}/summary/")
    html = html.content.decode()
    assert "Har partnaren band til militær forsking" in html
    assert "(svar: Direkte band)" in html
    assert "Eksportkontrollansvarleg" in html
    assert "Partnaren er ikkje sjekka mot sanksjonslister" in html


def test_ledger_lines_are_written_in_all_three_languages():
    result = scoring.score(Q, answers(**{"partner__military_links": "direct"}), EEA, [])
    line = next(c for c in result.ledger if c.key == "partner.military_links")
    assert set(line.explanation) == {"nb", "nn", "en"}
    assert "(svar: Direkte band)" in line.explanation["nn"]
    unknown = scoring.score(Q, answers(**{"partner__human_rights": "unknown"}), EEA, [])
    gap = next(c for c in unknown.ledger if c.key == "partner.human_rights")
    assert "(veit ikkje: halv vekt)" in gap.explanation["nn"]


def test_a_result_stored_before_nynorsk_reads_in_bokmal():
    stored = {"nb": "Partneren (svar: ja) → +2 SEC", "en": "Partner (answer: yes)"}
    assert questionnaire.tr(stored, "nn") == "Partneren (svar: ja) → +2 SEC"
    assert scoring.result.pick(stored, "nn") == "Partneren (svar: ja) → +2 SEC"


def test_a_reports_file_name_is_in_its_language():
    screening = factories.ScreeningFactory()
    names = {
        language: Report(
            pk=7, kind=Report.Kind.SCREENING, screening=screening, language=language
        ).download_name
        for language in ("nb", "nn", "en")
    }
    assert names == {
        "nb": "samarbeidssjekk-vurderingsrapport-7.pdf",
        "nn": "samarbeidssjekk-vurderingsrapport-7.pdf",
        "en": "samarbeidssjekk-screening-report-7.pdf",
    }
    summary = Report(pk=8, kind=Report.Kind.SUMMARY, language="nn")
    assert summary.download_name == "samarbeidssjekk-risikooppsummering-8.pdf"
