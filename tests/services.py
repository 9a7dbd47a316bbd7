"""The real services (PostgreSQL, Redis, Chromium) for the tests that need them.

With REQUIRE_SERVICES=1 (as in CI) a missing service fails the test; without it,
the test is skipped so the suite also runs on a bare machine (SQLite, inline tasks).
"""

from __future__ import annotations

import os
import shutil
import socket

import pytest
from django.conf import settings
from django.db import connection

REQUIRED = os.environ.get("REQUIRE_SERVICES") == "1"


def need(available: bool, what: str) -> None:
    if available:
        return
    if REQUIRED:
        pytest.fail(f"{what} is required (REQUIRE_SERVICES=1) but not available")
    pytest.skip(f"{what} not available; set REQUIRE_SERVICES=1 to make this mandatory")


def _port_open(host: str, port: int) -> bool:
    try:
        with socket.create_connection((host, port), timeout=1):
            return True
    except OSError:
        return False


def need_postgres() -> None:
    need(connection.vendor == "postgresql", "PostgreSQL (DATABASE_URL=postgres://...)")


def need_redis() -> None:
    need(
        settings.CELERY_BROKER_URL.startswith("redis://")
        and _port_open("127.0.0.1", 6379),
        "Redis (CELERY_BROKER_URL=redis://...)",
    )


def chromium_path() -> str:
    path = shutil.which("chromium") or "/usr/bin/chromium"
    need(os.path.exists(path), "Chromium (apt-get install chromium)")
    return path
