"""The production static files: `collectstatic` with whitenoise's manifest storage.

The Dockerfile collects the static files with
`CompressedManifestStaticFilesStorage`, after which `{% static %}` names the
hashed copies (`css/pdf.0030215f3594.css`) that exist only in STATIC_ROOT. Tests
that use the default storage never see those names; import these fixtures to
run a test the way production runs:

- `collected_static`: the directory the Dockerfile's command fills (once per
  test session);
- `production_static`: this process with DEBUG off and that storage and
  directory (the settings the web container has);
- `production_static_env`: the same as environment variables, for a worker or
  server started as a subprocess.
"""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from tests.worker import ROOT

MANIFEST_STORAGE = "whitenoise.storage.CompressedManifestStaticFilesStorage"


@pytest.fixture(scope="session")
def collected_static(tmp_path_factory):
    """STATIC_ROOT after the Dockerfile's collectstatic command."""
    root = tmp_path_factory.mktemp("static")
    env = {
        **os.environ,
        "DEBUG": "1",
        "SECRET_KEY": "build-only",
        "STATICFILES_BACKEND": MANIFEST_STORAGE,
        "STATIC_ROOT": str(root),
    }
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"],
        cwd=ROOT,
        env=env,
        check=True,
    )
    assert (root / "staticfiles.json").exists()
    return root


@pytest.fixture
def production_static(settings, collected_static):
    settings.DEBUG = False
    settings.STATIC_ROOT = collected_static
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": MANIFEST_STORAGE},
    }
    return collected_static


@pytest.fixture
def production_static_env(monkeypatch, collected_static):
    """Subprocesses started after this (workers, servers) run as production."""
    monkeypatch.setenv("DEBUG", "0")
    monkeypatch.setenv("SECRET_KEY", "test-only-" + "k" * 50)
    monkeypatch.setenv("STATICFILES_BACKEND", MANIFEST_STORAGE)
    monkeypatch.setenv("STATIC_ROOT", str(collected_static))
    return collected_static
