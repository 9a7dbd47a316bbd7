# ruff: noqa: E501  (tables of cases read best one case per line)
"""The strict loader names the key and the problem."""

from __future__ import annotations

import pytest

from screening.questionnaire import DefinitionError, load_from_text

HEAD = """
id: t
version: 1
title: {nb: T, nn: T, en: T}
levels:
  - {key: low, name: {nb: lav, nn: lav, en: low}}
  - {key: medium, name: {nb: middels, nn: middels, en: medium}}
  - {key: high, name: {nb: høy, nn: høy, en: high}}
  - {key: very_high, name: {nb: svært høy, nn: svært høy, en: very high}}
dimensions:
  - {key: SEC, name: {nb: Sikkerhet, nn: Sikkerhet, en: Security}}
bands: [{min: 0, level: low}, {min: 5, level: medium}]
matrix:
  dimensions: [SEC]
  levels: [[low, low, low, low], [low, low, low, low], [low, low, low, low], [low, low, low, low]]
"""


def definition(questions, extra=""):
    return f"{HEAD}{extra}\nsections:\n  - key: s\n    title: {{nb: S, nn: S, en: S}}\n    questions:\n{questions}"


GOOD = """      - {key: a.one, type: ynu, risk: "yes", points: {SEC: 2}, text: {nb: En, nn: En, en: One}}
      - {key: a.two, type: ynu, text: {nb: To, nn: To, en: Two}, show_if: {q: a.one, in: ["yes"]}}
"""


def test_a_good_definition_loads():
    q = load_from_text(definition(GOOD))
    assert q.question("a.one").option("yes").points == {"SEC": 2}
    assert q.question("a.one").option("unknown").points == {"SEC": 1}


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (definition(GOOD.replace("risk:", "colour: red, risk:")), "question 'a.one': unknown key(s) colour"),
        (definition(GOOD.replace("q: a.one", "q: a.missing")), "question 'a.two' show_if: refers to missing question 'a.missing'"),
        (definition(GOOD.replace("key: a.two", "key: a.one")), "question 'a.one': duplicate key"),
        (definition(GOOD.replace("{SEC: 2}", "{MOOD: 2}")), "points on unknown dimension 'MOOD'"),
        (definition(GOOD.replace("en: One", "xx: One")), "question 'a.one' text: missing the en text"),
        (definition(GOOD.replace("nn: En, ", "")), "question 'a.one' text: missing the nn text"),
        (definition(GOOD.replace("type: ynu, risk", "type: essay, risk")), "question 'a.one': unknown type 'essay'"),
        (definition(GOOD.replace("show_if: {q: a.one", "show_if: {when: a.one")), "question 'a.two' show_if: unknown condition operator(s) ['when']"),
        (definition(GOOD, "mood: happy\n"), "definition: unknown key(s) mood"),
        (definition(GOOD.replace("text: {nb: En", "show_if: {q: a.two, in: [\"no\"]}, text: {nb: En")), "show_if cycle a.one -> a.two -> a.one"),
        (definition("      - {key: c.one, type: choice, text: {nb: C, nn: C, en: C}, options: [{key: x, label: {nb: X, nn: X}}]}\n"), "question 'c.one' option 'x' label: missing the en text"),
        (definition("      - {key: c.one, type: choice, text: {nb: C, nn: C, en: C}, routes: [R-NOPE], options: [{key: x, label: {nb: X, nn: X, en: X}, points: {SEC: 1}}]}\n"), "question 'c.one': unknown route 'R-NOPE'"),
        (definition(GOOD.replace('show_if: {q: a.one, in: ["yes"]}', 'show_if: {level: SEC, gte: high}')), "levels and triggers are only known after scoring"),
        ("id: [", "not valid YAML"),
    ],
)  # fmt: skip
def test_broken_definitions_are_refused_with_a_message(text, message):
    with pytest.raises(DefinitionError) as error:
        load_from_text(text)
    assert message in str(error.value)


def test_a_self_referring_question_is_a_cycle():
    text = definition(GOOD.replace("q: a.one", "q: a.two"))
    with pytest.raises(DefinitionError, match=r"question 'a\.two': show_if cycle"):
        load_from_text(text)
