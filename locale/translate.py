"""Refresh bokmål and nynorsk: makemessages, fill from pending JSON, compile.

Each area of the app keeps its translations as a JSON object {English msgid:
text} in locale/<nb|nn>/pending/<area>.json, so several people can add strings
without editing one .po file at once. Existing translations in django.po are
kept. Run with `make messages`; prints the msgids that still lack a translation
in either language (tests/config/test_translations.py fails on them). Terms:
locale/GLOSSARY.md.
"""

from __future__ import annotations

import fcntl
import json
import os
import subprocess
import sys
from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parent.parent
LANGUAGES = ("nb", "nn")


def main() -> int:
    with open(ROOT / "locale" / ".lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        env = {**os.environ, "DEBUG": "1"}
        subprocess.run(
            [
                sys.executable,
                "manage.py",
                "makemessages",
                "-l",
                "nb",
                "-l",
                "nn",
                "--no-location",
                "--no-obsolete",
                "--ignore=.venv",
                "--ignore=static/vendor",
                "--ignore=tests",
                "--ignore=locale",
            ],
            cwd=ROOT,
            env=env,
            check=True,
            capture_output=True,
        )
        missing = {language: refresh(language) for language in LANGUAGES}
    for language, msgids in missing.items():
        for msgid in msgids:
            print(f"untranslated ({language}): {msgid!r}")
        print(f"{language}: {len(msgids)} untranslated")
    return 0


def refresh(language: str) -> list[str]:
    """Fill one catalogue from its pending JSON, drop fuzzy guesses, compile."""
    folder = ROOT / "locale" / language / "LC_MESSAGES"
    table: dict[str, str] = {}
    for path in sorted((ROOT / "locale" / language / "pending").glob("*.json")):
        table.update(json.loads(path.read_text(encoding="utf-8")))
    po = polib.pofile(str(folder / "django.po"))
    missing = []
    for entry in po:
        if entry.msgid in table:
            if entry.msgid_plural:
                plural = table.get(entry.msgid_plural, table[entry.msgid])
                entry.msgstr_plural = {0: table[entry.msgid], 1: plural}
            else:
                entry.msgstr = table[entry.msgid]
        elif "fuzzy" in entry.flags:
            # makemessages' guesses are often wrong: never ship them.
            entry.msgstr = ""
            entry.msgstr_plural = dict.fromkeys(entry.msgstr_plural, "")
        if "fuzzy" in entry.flags:
            entry.flags.remove("fuzzy")
        if not (entry.msgstr or any(entry.msgstr_plural.values())):
            missing.append(entry.msgid)
    po.metadata.update(
        {
            "Language": language,
            "Content-Type": "text/plain; charset=UTF-8",
            "Plural-Forms": "nplurals=2; plural=(n != 1);",
        }
    )
    po.save()
    po.save_as_mofile(str(folder / "django.mo"))
    return missing


if __name__ == "__main__":
    raise SystemExit(main())
