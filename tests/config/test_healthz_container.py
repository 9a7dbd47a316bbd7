"""The compose healthcheck, run as written against gunicorn in production mode.

The web container's probe calls http://127.0.0.1:8000/healthz, a Host that the
production ALLOWED_HOSTS does not list, over plain http with the TLS redirect
on. It must get a 200 (and the anonymous answer), or the container is never
healthy (issue 21).
"""

from __future__ import annotations

import subprocess
import sys

import pytest

from tests.config.test_compose import services
from tests.drills.support import gunicorn
from tests.services import need_postgres

pytestmark = pytest.mark.services


def test_the_compose_healthcheck_passes_against_production_settings(
    transactional_db,
):
    need_postgres()
    command = services()["web"]["healthcheck"]["test"]
    assert command[:3] == ["CMD", "python", "-c"]
    with gunicorn(
        ALLOWED_HOSTS="samarbeidssjekk.example.no",
        SECURE_SSL_REDIRECT="1",
        CELERY_BROKER_URL="",
    ) as url:
        port = url.rsplit(":", 1)[1]
        script = command[3].replace("127.0.0.1:8000", f"127.0.0.1:{port}")
        script += "; print(urllib.request.urlopen("
        script += f"'http://127.0.0.1:{port}/healthz', timeout=4).read().decode())"
        probe = subprocess.run(
            [sys.executable, "-c", script], capture_output=True, text=True, timeout=30
        )
    assert probe.returncode == 0, probe.stderr
    assert '"status": "ok"' in probe.stdout
    assert "details" not in probe.stdout
