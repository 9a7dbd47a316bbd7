"""The image's install path, without a Docker engine.

The Dockerfile's builder runs one `pip install ... -r requirements.lock` into a
fresh virtualenv. This test runs that same command (read from the Dockerfile,
so the two cannot drift) into a clean venv, then starts the app from it the way
the final stage does: `check --deploy`, WSGI import and a PDF from WeasyPrint.
It reuses pip's cache, so it downloads only what changed. Mandatory in CI
(REQUIRE_SERVICES=1); CHECK_INSTALL=1 runs it anywhere. The install mostly waits
on the network and the disk, so it starts when the suite is collected and runs
beside the other tests (tests/head_start.py).
"""

from __future__ import annotations

import json
import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

from tests import head_start
from tests.services import REQUIRED, need

ROOT = Path(__file__).resolve().parents[2]
DOCKERFILE = (ROOT / "Dockerfile").read_text(encoding="utf-8")
NAME = "test_locked_requirements_install_into_a_clean_venv_and_the_app_starts"


def builder_pip_args() -> list[str]:
    """The arguments of the builder's `pip install -r requirements.lock`."""
    joined = DOCKERFILE.replace("\\\n", " ")
    commands = [
        line.split("pip install", 1)[1]
        for line in joined.splitlines()
        if line.startswith("RUN ")
        and "pip install" in line
        and "requirements.lock" in line
    ]
    assert len(commands) == 1, commands
    return [arg for arg in shlex.split(commands[0]) if arg != "--no-cache-dir"]


def locked_versions() -> dict[str, str]:
    text = (ROOT / "requirements.lock").read_text(encoding="utf-8")
    pins = re.findall(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==(\S+)(.*)$", text, re.M)
    # Skip pins for other platforms or Pythons (Windows' tzdata, PyPy's cffi ...).
    from packaging.markers import Marker

    return {
        name.lower().replace("_", "-"): version
        for name, version, rest in pins
        if ";" not in rest or Marker(rest.split(";", 1)[1].strip(" \\")).evaluate()
    }


def test_the_builder_installs_from_the_lock_with_hashes_and_wheels_only():
    args = builder_pip_args()
    assert args[-2:] == ["-r", "requirements.lock"]
    assert "--require-hashes" in args
    assert "--only-binary=:all:" in args


def wanted() -> bool:
    return REQUIRED or os.environ.get("CHECK_INSTALL") == "1"


def clean_install(directory: Path) -> tuple[Path, subprocess.CompletedProcess]:
    """The builder's pip command into a new venv: (the venv, pip's outcome)."""
    venv = directory / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    install = subprocess.run(
        [
            str(venv / "bin" / "python"),
            "-m",
            "pip",
            "install",
            "--quiet",
            "--no-compile",
            *builder_pip_args(),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=1200,
    )
    return venv, install


@pytest.mark.services
def test_locked_requirements_install_into_a_clean_venv_and_the_app_starts(tmp_path):
    need(wanted(), "the install-path check (CHECK_INSTALL=1)")
    venv, install = head_start.result(NAME, clean_install, tmp_path)
    assert install.returncode == 0, install.stderr[-3000:]
    python = str(venv / "bin" / "python")

    listed = subprocess.run(
        [python, "-m", "pip", "list", "--format", "json"],
        capture_output=True,
        text=True,
        check=True,
    )
    installed = {
        p["name"].lower().replace("_", "-"): p["version"]
        for p in json.loads(listed.stdout)
    }
    locked = locked_versions()
    assert {n: installed.get(n) for n in locked} == locked
    assert not {"pytest", "ruff", "playwright", "deptry"} & set(installed)

    production = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": str(tmp_path),
        "DEBUG": "0",
        "SECRET_KEY": "install-test-" + "k3y-" * 12,
        "ALLOWED_HOSTS": "samarbeidssjekk.example.no",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        "MEDIA_ROOT": str(tmp_path / "media"),
    }
    for command in (
        ["manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        ["-c", "import config.wsgi"],
        ["-c", "from weasyprint import HTML; HTML(string='<p>x</p>').write_pdf()"],
    ):
        run = subprocess.run(
            [python, *command],
            cwd=ROOT,
            env=production,
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert run.returncode == 0, (command, run.stderr[-3000:])
