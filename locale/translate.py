"""Refresh bokmål: makemessages, fill from locale/nb/pending/*.json, compile.

Each area of the app keeps its translations as a JSON object {English msgid: bokmål}
in locale/nb/pending/<area>.json, so several people can add strings without
editing one .po file at once. Existing translations in django.po are kept.
Run with `make messages`; prints the msgids that still lack a translation.
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
NB = ROOT / "locale" / "nb" / "LC_MESSAGES"
PENDING = ROOT / "locale" / "nb" / "pending"


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
        table: dict[str, str] = {}
        for path in sorted(PENDING.glob("*.json")):
            table.update(json.loads(path.read_text(encoding="utf-8")))
        po = polib.pofile(str(NB / "django.po"))
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
                "Language": "nb",
                "Content-Type": "text/plain; charset=UTF-8",
                "Plural-Forms": "nplurals=2; plural=(n != 1);",
            }
        )
        po.save()
        po.save_as_mofile(str(NB / "django.mo"))
    for msgid in missing:
        print(f"untranslated: {msgid!r}")
    print(f"{len(po)} messages, {len(missing)} untranslated")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
