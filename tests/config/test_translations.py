"""Every string of the app in bokmål and in nynorsk: the .po files hold every
string of the code and no other, nothing untranslated or fuzzy, the same
msgids in both, placeholders kept, compiled files up to date, and no common
bokmål-only word in the nynorsk. The .po files are the only source of the
translations (`make messages` refreshes them from the code)."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest

ROOT = Path(__file__).resolve().parents[2]
LOCALE = ROOT / "locale"
# As `make messages` runs it (Makefile: MAKEMESSAGES).
MAKEMESSAGES = [
    "makemessages", "-l", "nb", "-l", "nn", "--no-location", "--no-obsolete",
    "--ignore=.venv", "--ignore=static/vendor", "--ignore=tests", "--ignore=locale",
]  # fmt: skip
# What a copy of the project needs for makemessages to read every string.
NOT_COPIED = shutil.ignore_patterns(
    ".*", "static", "tests", "media", "staticfiles", "node_modules", "*.sqlite3",
    "*.mo", "__pycache__", "*.pdf", "*.png",
)  # fmt: skip
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


def msgids(folder: Path) -> set[tuple[str | None, str]]:
    po = polib.pofile(str(folder / "nb" / "LC_MESSAGES" / "django.po"))
    return {(e.msgctxt, e.msgid) for e in po}


def test_the_po_files_hold_every_string_of_the_code_and_no_other(tmp_path):
    """A string added to the code without `make messages` would show in
    English only; one left in the .po after the code dropped it is dead."""
    copy = tmp_path / "project"
    shutil.copytree(ROOT, copy, ignore=NOT_COPIED)
    env = {
        **os.environ,
        "DEBUG": "1",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
    }
    subprocess.run(
        [sys.executable, "manage.py", *MAKEMESSAGES],
        cwd=copy,
        env=env,
        check=True,
        capture_output=True,
    )
    fresh, kept = msgids(copy / "locale"), msgids(LOCALE)
    assert sorted(fresh - kept, key=str) == [], "new in the code: run make messages"
    assert sorted(kept - fresh, key=str) == [], "gone from the code: make messages"


def test_there_is_no_second_source_of_translations():
    others = [
        p.relative_to(LOCALE)
        for p in LOCALE.rglob("*")
        if p.is_file() and p.suffix not in (".po", ".mo") and p.name != "GLOSSARY.md"
    ]
    assert others == []
