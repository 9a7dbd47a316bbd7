"""Every string of the app in bokmål and in nynorsk: nothing untranslated or
fuzzy, the same msgids in both, placeholders kept, compiled files up to date,
and no common bokmål-only word in the nynorsk."""

from __future__ import annotations

import re
from pathlib import Path

import polib
import pytest

LOCALE = Path(__file__).resolve().parents[2] / "locale"
PLACEHOLDER = re.compile(r"%\(\w+\)[sd]|%[sd]")
# Words that only bokmål spells this way; their nynorsk forms are in
# locale/GLOSSARY.md (ikkje, kva, kven, korleis, kvifor, frå, vart, nokon,
# namn, eining, fridom, tryggleik, forsking, utan, låg, høg, berre, meir).
BOKMAL_ONLY = re.compile(
    r"\b(ikke|hva|hvem|hvordan|hvorfor|hvilke|fra|ble|noen|navn|navnet|enhet|"
    r"enheter|frihet|sikkerhet|forskning|uten|lav|høy|bare|mer|ennå|være|"
    r"tidligere|mulig|ansvarlig|hjem|spørreskjema)\b",
    re.IGNORECASE,
)


def entries(language: str) -> list[polib.POEntry]:
    return list(polib.pofile(str(LOCALE / language / "LC_MESSAGES" / "django.po")))


def texts(entry: polib.POEntry) -> list[str]:
    if entry.msgid_plural:
        return [entry.msgstr_plural.get(i, "") for i in (0, 1)]
    return [entry.msgstr]


@pytest.mark.parametrize("language", ["nb", "nn"])
def test_every_string_is_translated_and_none_is_fuzzy(language):
    missing = [
        e.msgid for e in entries(language) if not all(t.strip() for t in texts(e))
    ]
    fuzzy = [e.msgid for e in entries(language) if "fuzzy" in e.flags]
    assert missing == []
    assert fuzzy == []


def test_nynorsk_has_every_msgid_bokmal_has():
    nb = {(e.msgctxt, e.msgid) for e in entries("nb")}
    nn = {(e.msgctxt, e.msgid) for e in entries("nn")}
    assert sorted(nb - nn, key=str) == []


@pytest.mark.parametrize("language", ["nb", "nn"])
def test_translations_keep_the_placeholders(language):
    wrong = []
    for e in entries(language):
        expected = sorted(PLACEHOLDER.findall(e.msgid))
        for text in texts(e):
            found = sorted(PLACEHOLDER.findall(text))
            # a singular may say "one" instead of "%(n)s"
            singular = e.msgid_plural and set(found) < set(expected)
            if found != expected and not singular:
                wrong.append((e.msgid, text))
    assert wrong == []


@pytest.mark.parametrize("language", ["nb", "nn"])
def test_the_compiled_catalogue_matches_the_po_file(language):
    folder = LOCALE / language / "LC_MESSAGES"
    compiled = {
        (e.msgctxt, e.msgid): texts(e) for e in polib.mofile(str(folder / "django.mo"))
    }
    source = {(e.msgctxt, e.msgid): texts(e) for e in entries(language)}
    assert {k: v for k, v in source.items() if compiled.get(k) != v} == {}


def test_the_nynorsk_uses_no_bokmal_only_word_forms():
    slipped = [
        (e.msgid, hit)
        for e in entries("nn")
        for text in texts(e)
        for hit in BOKMAL_ONLY.findall(text)
    ]
    assert slipped == []
