"""The researcher's summary page: the essentials first, each reason once."""

from __future__ import annotations

import re

import pytest

from screening import ledger
from tests.screening.reports_support import result_json, scored_screening

pytestmark = pytest.mark.django_db

MILITARY = "partner.military_links"


def _result_with_an_answer_in_two_dimensions() -> dict:
    result = result_json()
    first = next(line for line in result["ledger"] if line["key"] == MILITARY)
    result["ledger"].append(
        {
            **first,
            "dimension": "EXP",
            "points": 2,
            "explanation": {
                "nb": "Partneren har indirekte militære bånd → +2 EXP",
                "en": "The partner has indirect military links → +2 EXP",
            },
        }
    )
    result["ledger"].append(
        {
            "dimension": "SEC",
            "source": "trigger",
            "key": "HT-04",
            "value": "high",
            "points": 0,
            "rule": "HT-04",
            "explanation": {
                "nb": "HT-04 Dobbelt bruk med militær aktør → minst Høy SEC",
                "en": "HT-04 Dual use with a military actor → at least High SEC",
            },
        }
    )
    return result


def _page(client_for, **kwargs) -> str:
    screening = scored_screening(
        result=_result_with_an_answer_in_two_dimensions(), **kwargs
    )
    response = client_for(screening.owner).get(f"/screenings/{screening.pk}/summary/")
    assert response.status_code == 200
    return response.content.decode()


def test_the_first_screen_has_level_top_reasons_state_and_next_step(client_for):
    html = _page(client_for, status="draft", submitted_at=None)
    first = html.split('id="overall-title"')[1].split("Risiko per dimensjon")[0]
    assert "level-high" in first
    assert "Status: Utkast" in first
    reasons = re.findall(r'<li><a href="#(why-\d+)">([^<]+)</a>', first)
    assert [text for _anchor, text in reasons] == [
        "Dobbelt bruk med militær aktør",  # a minimum level weighs most
        "Partneren har indirekte militære bånd",  # +5 and +2
        "Landet har lav akademisk frihet",
    ]
    for anchor, _text in reasons:
        assert f'<li id="{anchor}">' in html  # each links to its detail
    assert "Hva du gjør nå" in first
    assert "send så vurderingen til kontaktpunktet" in first
    assert 'href="#plan"' in first


def test_the_ledger_lists_each_reason_once_in_collapsible_sections(client_for):
    html = _page(client_for)
    why = html.split("Hvorfor: forklaringen")[1].split("Anbefalte tiltak")[0]
    assert why.count("Partneren har indirekte militære bånd") == 1
    assert "+5 poeng; +2 poeng i Eksportkontroll og sanksjoner" in why
    assert why.count("<details") == 5  # one per dimension
    assert "<strong>HT-04</strong>" not in html  # codes are small references only
    assert "· HT-04</span>" in why
    assert "(HT-04)</span>" in html  # the hard trigger list: label, code small


def test_a_submitted_screening_says_the_contact_point_is_reviewing(client_for):
    html = _page(client_for, status="in_review")
    assert "Kontaktpunktet behandler vurderingen." in html


def test_reasons_are_joined_across_dimensions_and_ranked():
    lines = _result_with_an_answer_in_two_dimensions()["ledger"]
    found = ledger.reasons(lines, "en")
    assert [r.text for r in found] == [
        "Dual use with a military actor",
        "The partner has indirect military links",
        "The country has low academic freedom",
    ]
    military = found[1]
    assert military.home == "SEC"
    assert [(e.dimension, e.text) for e in military.effects] == [
        ("SEC", "+5 points"),
        ("EXP", "+2 points"),
    ]
    assert found[0].ref == "HT-04"
    assert found[0].sets_minimum
