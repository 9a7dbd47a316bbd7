"""Every variable the settings read is documented in .env.example."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_every_setting_read_from_the_environment_is_documented():
    settings = (ROOT / "config" / "settings.py").read_text(encoding="utf-8")
    read = set(re.findall(r"env\.\w+\(\s*\"([A-Z][A-Z0-9_]+)\"", settings))
    documented = set(
        re.findall(r"^([A-Z][A-Z0-9_]+)=", (ROOT / ".env.example").read_text(), re.M)
    )
    assert {"SENTRY_DSN", "ADMINS", "LOG_FORMAT", "SITE_URL"} <= read
    assert read - documented == set()
