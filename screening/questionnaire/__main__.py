"""Print a translation overlay skeleton for a definition (see overlay.py).

    python -m screening.questionnaire NEW.yaml [EARLIER.yaml] [--language nn]

With EARLIER.yaml, texts whose bokmål is unchanged keep the translation from
EARLIER's overlay (EARLIER.<language>.yaml); the others are TODO.
"""

from __future__ import annotations

import sys
from pathlib import Path

import yaml

from screening.questionnaire import overlay


def main(argv: list[str]) -> int:
    language = "nn"
    if "--language" in argv:
        at = argv.index("--language")
        language = argv[at + 1]
        argv = argv[:at] + argv[at + 2 :]
    if not argv:
        sys.stderr.write(__doc__ or "")
        return 2
    raw = yaml.safe_load(Path(argv[0]).read_text(encoding="utf-8"))
    earlier_raw = earlier_overlay = None
    if len(argv) > 1:
        earlier = Path(argv[1])
        earlier_raw = yaml.safe_load(earlier.read_text(encoding="utf-8"))
        side = earlier.with_name(f"{earlier.stem}.{language}.yaml")
        earlier_overlay = overlay.parse(side.read_text(encoding="utf-8"), side.name)
    sys.stdout.write(overlay.skeleton(raw, language, earlier_raw, earlier_overlay))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
