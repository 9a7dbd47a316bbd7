"""The lock files that make, CI and the Dockerfile install from match pyproject.toml.

A dependency added to pyproject.toml without `make lock` would install nowhere
(every install is `--require-hashes -r requirements*.lock`); this says so first.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parents[2]
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==([^\s;\\]+)\s*(?:;\s*([^\\]+))?")


def pins(name: str) -> dict[str, tuple[str, list[str], str | None]]:
    """{package: (version, hashes, marker)} from a pip-tools/uv requirements file."""
    found: dict[str, tuple[str, list[str], str | None]] = {}
    current = None
    for line in (ROOT / name).read_text(encoding="utf-8").splitlines():
        match = PIN.match(line)
        if match:
            package, version, marker = match.groups()
            current = canonicalize_name(package)
            marker = marker.strip() if marker else None
            found[current] = (version, [], marker)
        elif current and "--hash=sha256:" in line:
            found[current][1].append(line.split("--hash=sha256:")[1].split()[0])
    return found


RUNTIME = pins("requirements.lock")
DEV = pins("requirements-dev.lock")


@pytest.mark.parametrize(
    ("lock", "declared"),
    [
        (
            RUNTIME,
            PYPROJECT["project"]["dependencies"]
            + PYPROJECT["project"]["optional-dependencies"]["sentry"],
        ),
        (DEV, PYPROJECT["project"]["optional-dependencies"]["dev"]),
    ],
    ids=["runtime", "dev"],
)
def test_every_declared_dependency_is_pinned_within_its_range(lock, declared):
    for text in declared:
        requirement = Requirement(text)
        name = canonicalize_name(requirement.name)
        assert name in lock, f"{name} is not in the lock: run `make lock`"
        version = lock[name][0]
        assert requirement.specifier.contains(version, prereleases=True), (
            f"{name}=={version} is outside {requirement.specifier}: run `make lock`"
        )


@pytest.mark.parametrize("lock", [RUNTIME, DEV], ids=["runtime", "dev"])
def test_every_pin_carries_hashes(lock):
    assert len(lock) > 30
    assert [name for name, (_, hashes, _) in lock.items() if not hashes] == []


def test_the_dev_lock_runs_the_same_versions_as_production():
    different = {
        name: (version, DEV.get(name, ("missing",))[0])
        for name, (version, _, _) in RUNTIME.items()
        if DEV.get(name, ("missing",))[0] != version
    }
    assert different == {}


def test_the_runtime_lock_has_no_development_tools():
    dev_only = {
        canonicalize_name(Requirement(t).name)
        for t in PYPROJECT["project"]["optional-dependencies"]["dev"]
    }
    assert dev_only & set(RUNTIME) == set()
