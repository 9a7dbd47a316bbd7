"""docker-compose.yml describes the production stack the README promises."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import yaml

from tests.services import need

ROOT = Path(__file__).resolve().parents[2]
DOCKERFILE = (ROOT / "Dockerfile").read_text(encoding="utf-8")
APP_SERVICES = ("web", "worker", "beat")


def compose_command() -> list[str] | None:
    """`docker compose` (the plugin) where it exists, else Debian's docker-compose."""
    docker = shutil.which("docker")
    if docker:
        probe = subprocess.run(
            [docker, "compose", "version"], capture_output=True, text=True, timeout=30
        )
        if probe.returncode == 0:
            return [docker, "compose"]
    standalone = shutil.which("docker-compose")
    return [standalone] if standalone else None


def services() -> dict:
    text = (ROOT / "docker-compose.yml").read_text(encoding="utf-8")
    return yaml.safe_load(text)["services"]


def test_compose_file_defines_the_production_stack():
    spec = yaml.safe_load((ROOT / "docker-compose.yml").read_text(encoding="utf-8"))
    services = spec["services"]
    assert set(services) >= {"web", "worker", "beat", "db", "redis"}
    assert services["db"]["image"].startswith("postgres:16")
    assert services["redis"]["image"].startswith("redis:7")
    assert "media" in spec["volumes"]
    for name in APP_SERVICES:
        service = services[name]  # YAML merge keys (<<: *app) are resolved here
        environment = service["environment"]
        assert environment["DATABASE_URL"].startswith("postgres://"), name
        assert environment["CELERY_BROKER_URL"].startswith("redis://redis:6379"), name
        assert environment["DEBUG"] in ("0", 0, False, "False"), name
        assert any(v.startswith("media:") for v in service["volumes"]), name
    assert "worker" in services["worker"]["command"]
    assert "reports" in services["worker"]["command"]
    assert "beat" in services["beat"]["command"]


def test_docker_compose_config_accepts_the_file(tmp_path):
    """`docker compose config -q` (or docker-compose 1.29) validates the file.

    It runs on a copy with .env made from .env.example, since the real .env
    holds secrets and is absent on a fresh clone. .ci/run installs Debian's
    docker-compose where neither exists.
    """
    text = (ROOT / "docker-compose.yml").read_text(encoding="utf-8")
    assert yaml.safe_load(text)["x-app"]["env_file"] == ".env"
    documented = (ROOT / ".env.example").read_text(encoding="utf-8")
    for variable in set(re.findall(r"\$\{(\w+)", text)):
        assert f"\n{variable}=" in documented, f"{variable} is not in .env.example"
    command = compose_command()
    need(command is not None, "docker compose (apt-get install docker-compose)")
    for name in ("docker-compose.yml", "Dockerfile"):
        shutil.copy(ROOT / name, tmp_path / name)
    shutil.copy(ROOT / ".env.example", tmp_path / ".env")
    result = subprocess.run(
        [*command, "-f", str(tmp_path / "docker-compose.yml"), "config", "-q"],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=tmp_path,
    )
    assert result.returncode == 0, result.stderr


def test_migrations_run_once_before_web_worker_and_beat():
    spec = services()
    migrate = spec["migrate"]
    assert "manage.py migrate" in " ".join(migrate["command"])
    assert "load_reference_data" in " ".join(migrate["command"])
    assert migrate["restart"] == "no"
    for name in APP_SERVICES:
        waits = spec[name]["depends_on"]
        assert waits["migrate"] == {"condition": "service_completed_successfully"}
        assert waits["db"] == {"condition": "service_healthy"}
        command = spec[name].get("command") or ""
        assert "migrate" not in command, name
    assert "migrate" not in DOCKERFILE.split("\nCMD", 1)[1]


def test_web_worker_and_beat_have_healthchecks():
    spec = services()
    checks = {
        name: " ".join(spec[name]["healthcheck"]["test"]) for name in APP_SERVICES
    }
    assert "http://127.0.0.1:8000/healthz" in checks["web"]
    assert "inspect ping" in checks["worker"]
    assert "config.heartbeat" in checks["beat"]
    for name in APP_SERVICES:
        assert spec[name]["healthcheck"]["interval"], name


def test_the_image_is_multi_stage_non_root_and_compiler_free():
    stages = re.split(r"^FROM ", DOCKERFILE, flags=re.M)[1:]
    assert len(stages) == 2
    builder, final = stages
    assert " AS builder" in builder.splitlines()[0]
    assert "requirements.lock" in builder
    assert "COPY --from=builder /opt/venv /opt/venv" in final
    for tool in ("build-essential", "gcc", "g++", "libicu-dev", "pip install"):
        assert tool not in final, tool
    users = re.findall(r"^USER (\S+)", final, flags=re.M)
    assert users
    assert users[-1] not in ("root", "0")


def test_dockerignore_keeps_secrets_data_and_local_files_out():
    ignored = {
        line.strip()
        for line in (ROOT / ".dockerignore").read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    }
    for entry in (".env", "media/", "db.sqlite3", ".venv/", ".git/", "bench.sqlite3"):
        assert entry in ignored, entry
    assert "bench-results*.json" in ignored
    assert "staticfiles/" in ignored
