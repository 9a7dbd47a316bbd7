"""Reports and pages name routes, mitigations and the questionnaire in words."""

from __future__ import annotations

import re

import pytest
from django.utils import translation

from screening import questionnaire as qn
from screening.models import Report
from screening.reports import build, labels
from tests import factories
from tests.screening.reports_support import result_json, scored_screening

DEFINITION = qn.load("samarbeid", 1)


def _route_result() -> dict:
    result = result_json()
    result["routes"] = [
        {
            "key": "R-EC",
            "text": {"nb": "Eksportkontrollansvarlig", "en": "Export control officer"},
            "detail": {"because": ["HT-04", "ROUTE-EC-EXP"]},
        },
        {
            "key": "R-INT",
            "text": {
                "nb": "Internasjonalt kontor og beredskap",
                "en": "International office and emergency preparedness",
            },
            "detail": {"because": ["ROUTE-INT-PRESENCE"]},
        },
    ]
    return result


def _html(screening, language: str) -> str:
    report = Report.objects.create(
        kind=Report.Kind.SCREENING,
        screening=screening,
        requested_by=factories.leader(language=language),
        language=language,
        data_fingerprint="x",
    )
    return " ".join(build.render_html(report).split())


@pytest.mark.django_db
def test_routes_from_level_rules_give_a_reason_in_words_not_a_rule_key():
    html = _html(scored_screening(result=_route_result()), "nb")
    assert "ROUTE-EC-EXP" not in html
    assert "ROUTE-INT-PRESENCE" not in html
    assert "Nivået i eksportkontroll og sanksjoner er middels eller høyere" in html
    assert (
        "Absolutt utløser: Sensitiv forskning med militær eller "
        "sikkerhetstilknyttet partner" in html
    )
    assert "Skal ansatte eller studenter fra oss oppholde seg i landet? (Ja)" in html
    assert "landets nivå er T2: forhøyet eller T3: høy" in html


@pytest.mark.django_db
def test_route_reasons_in_english():
    html = _html(scored_screening(result=_route_result()), "en")
    assert "The level in export control and sanctions is medium or higher" in html
    assert "the country&#x27;s tier is T2: elevated or T3: high" in html


@pytest.mark.parametrize(
    ("cond", "words"),
    [
        ({"trigger": "any"}, "a hard trigger applies"),
        (
            {"level": "overall", "gte": "very_high"},
            "the overall risk level is very high",
        ),
        ({"derived": "sensitivity", "gte": 2}, "research sensitivity is 2 or more"),
        ({"not": {"q": "travel.devices", "in": ["yes"]}}, "not: "),
    ],
)
def test_every_kind_of_rule_condition_reads_as_words(cond, words):
    with translation.override("en"):
        described = labels.describe(DEFINITION, cond, "en")
    assert words in described
    assert "or higher" not in described  # very high is the top level


def test_an_unknown_key_is_shown_as_it_is():
    assert labels.reasons(DEFINITION, ["ROUTE-NEW"], "nb") == ["ROUTE-NEW"]
    assert labels.reasons(None, ["ROUTE-EC-EXP"], "nb") == ["ROUTE-EC-EXP"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Limit access to the laboratory.", "Limit access to the laboratory"),
        ("Agree the terms. Then sign.", "Agree the terms"),
        (
            "Write one paragraph on the academic purpose and what each side gains, "
            "and attach it to the agreement.",
            "Write one paragraph on the academic purpose and what each side…",
        ),
    ],
)
def test_a_short_label_is_the_first_sentence_cut_at_a_word(text, expected):
    assert labels.short(text) == expected
    assert len(labels.short(text)) <= labels.SHORT_LIMIT


@pytest.mark.django_db
def test_the_plan_fields_are_labelled_by_the_action_with_the_key_as_reference(
    client_for,
):
    screening = scored_screening(status="draft", submitted_at=None)
    page = client_for(screening.owner).get(f"/screenings/{screening.pk}/summary/")
    html = page.content.decode()
    label = re.search(r"<label[^>]*>\s*([^<]+?)\s*</label>", html).group(1)
    assert label == "Avgrens tilgangen til laboratoriet"  # the whole action
    assert "Din plan:" not in html
    assert '<span class="small text-body-secondary">(M-SEC-01)</span>' in html


@pytest.mark.django_db
def test_a_plan_for_a_mitigation_no_longer_recommended_is_named_by_its_text():
    plan = {"M-SEC-01": "Adgangskort.", "M-PUR-01": "Formålet er skrevet ned."}
    html = _html(scored_screening(mitigation_plan=plan), "nb")
    assert "Skriv et kort avsnitt om det faglige formålet" in html
    assert "<strong>M-PUR-01</strong>" not in html
    assert "(M-PUR-01)" in html


@pytest.mark.django_db
def test_the_questionnaire_is_named_by_title_and_version(client_for):
    screening = scored_screening()
    expected = "Vurdering av internasjonalt kunnskapssamarbeid (versjon 1)"
    assert expected in _html(screening, "nb")
    page = client_for(screening.owner).get(f"/screenings/{screening.pk}/")
    assert expected in page.content.decode()
    assert "samarbeid v1" not in page.content.decode()
