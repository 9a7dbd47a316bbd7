# ruff: noqa: E501  (tables of cases read best one case per line)
"""Nynorsk for a published definition comes from its overlay file, keyed by the
definition's stable ids; the loader refuses any text without nynorsk."""

from __future__ import annotations

import pytest
import yaml

from screening import questionnaire
from screening.questionnaire import DefinitionError, load_from_text, overlay
from screening.questionnaire.loader import DEFINITIONS
from screening.questionnaire.model import LANGUAGES

Q = questionnaire.load(*questionnaire.CURRENT)
V1 = DEFINITIONS / "samarbeid-v1.yaml"

SOURCE = """id: t
version: 1
title: {nb: T, en: T}
levels:
  - {key: low, name: {nb: lav, en: low}}
  - {key: medium, name: {nb: middels, en: medium}}
  - {key: high, name: {nb: høy, en: high}}
  - {key: very_high, name: {nb: svært høy, en: very high}}
dimensions:
  - {key: SEC, name: {nb: Sikkerhet, en: Security}}
bands: [{min: 0, level: low}, {min: 5, level: medium}]
matrix:
  dimensions: [SEC]
  levels: [[low, low, low, low], [low, low, low, low], [low, low, low, low], [low, low, low, low]]
sections:
  - key: s
    title: {nb: Saken, en: The case}
    questions:
      - key: a.one
        type: choice
        text: {nb: "Hvem tok initiativet?", en: "Who started it?"}
        options:
          - {key: us, label: {nb: Vi selv, en: We did}}
          - {key: them, label: {nb: Partneren, en: The partner}}
"""
OVERLAY = """overlay: {id: t, version: 1, language: nn}
title: T
levels:
  low: {name: låg}
  medium: {name: middels}
  high: {name: høg}
  very_high: {name: svært høg}
dimensions:
  SEC: {name: Tryggleik}
sections:
  s:
    title: Saka
    questions:
      a.one:
        text: "Kven tok initiativet?"
        options:
          us: {label: Vi sjølve}
          them: {label: Partnaren}
"""


def test_the_published_questionnaire_speaks_nynorsk():
    assert set(overlay.files_beside(V1, LANGUAGES)) == {"nn"}
    question = Q.question("collab.initiated_by")
    assert question.text["nn"] == "Kven tok initiativet til samarbeidet?"
    assert question.option("unsolicited").label["nn"].startswith("Ein uoppfordra")
    assert Q.question("collab.balance").option("unknown").label["nn"] == "Veit ikkje"
    assert Q.level_name("high", "nn") == "høg"
    assert {r.key: r.name["nn"] for r in Q.routes}["R-EC"] == "Eksportkontrollansvarleg"
    assert all(m.text["nn"] for m in Q.mitigations)
    assert Q.question("research.area").options[0].label["nn"]


def test_every_text_of_every_definition_has_nynorsk():
    for path in questionnaire.definition_files():
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
        side = overlay.files_beside(path, LANGUAGES).get("nn")  # or nn inline
        if side is not None:
            overlay.merge(raw, overlay.parse(side.read_text("utf-8"), "nn"), "nn")
        assert [p for p, text in overlay.texts(raw) if not text.get("nn")] == []


def test_an_overlay_gives_the_texts_their_nynorsk():
    q = load_from_text(SOURCE, {"nn": OVERLAY})
    assert q.question("a.one").text == {
        "nb": "Hvem tok initiativet?",
        "nn": "Kven tok initiativet?",
        "en": "Who started it?",
    }
    assert q.question("a.one").option("us").label["nn"] == "Vi sjølve"


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (('      a.one:\n        text: "Kven tok initiativet?"\n', "      a.one:\n"), "question 'a.one' text: missing the nn text"),
        (("          them: {label: Partnaren}\n", ""), "question 'a.one' option 'them' label: missing the nn text"),
        (("title: Saka", "title: TODO"), "nn overlay sections s title: needs the nn text"),
        (("us: {label", "ours: {label"), "nn overlay sections s questions a.one options ours: not in the definition"),
        (("version: 1,", "version: 2,"), "does not match"),
    ],
)  # fmt: skip
def test_an_overlay_that_misses_or_misplaces_a_text_is_refused(change, message):
    old, new = change
    with pytest.raises(DefinitionError) as error:
        load_from_text(SOURCE, {"nn": OVERLAY.replace(old, new)})
    assert message in str(error.value)


def test_without_its_overlay_a_definition_is_refused():
    with pytest.raises(DefinitionError, match="missing the nn text"):
        load_from_text(V1.read_text(encoding="utf-8"))


def test_a_skeleton_for_a_new_version_keeps_unchanged_translations():
    earlier = yaml.safe_load(SOURCE)
    new = yaml.safe_load(
        SOURCE.replace("version: 1", "version: 2").replace(
            "nb: Vi selv", "nb: Vi selv ved en forsker"
        )
    )
    text = overlay.skeleton(new, "nn", earlier, overlay.parse(OVERLAY, "nn"))
    assert "overlay: {id: t, language: nn, version: 2}" in text
    assert "text: Kven tok initiativet?" in text
    assert "# nb: Vi selv ved en forsker\n            label: TODO" in text
    with pytest.raises(DefinitionError, match="options us label: needs the nn text"):
        load_from_text(yaml.safe_dump(new, allow_unicode=True), {"nn": text})
    done = text.replace("label: TODO", "label: Vi sjølve ved ein forskar")
    q = load_from_text(yaml.safe_dump(new, allow_unicode=True), {"nn": done})
    assert q.question("a.one").option("us").label["nn"] == "Vi sjølve ved ein forskar"


def test_a_text_in_nynorsk_both_inline_and_in_the_overlay_is_refused():
    inline = SOURCE.replace("{nb: Saken, en:", "{nb: Saken, nn: Saka, en:")
    with pytest.raises(DefinitionError, match="given both inline and here"):
        load_from_text(inline, {"nn": OVERLAY})
