"""The settings switch between embedded and production mode by environment alone."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PRODUCTION = {
    "DEBUG": "0",
    "SECRET_KEY": "k8Yq3vN2pX7rT1wZ5mB9cF4hJ6sL0dG2aQ8eR3uI7oP1yV5tN9bM4xC6zK2wH8jS",
    "ALLOWED_HOSTS": "samarbeidssjekk.example.no",
    "DATABASE_URL": "postgres://app@db:5432/samarbeidssjekk",
    "CELERY_BROKER_URL": "redis://redis:6379/0",
}


def run_python(code: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    dropped = {
        *PRODUCTION,
        "SECURE_SSL_REDIRECT",
        "SESSION_COOKIE_SECURE",
        "CSRF_COOKIE_SECURE",
        "DJANGO_ALLOW_ASYNC_UNSAFE",
    }
    clean = {k: v for k, v in os.environ.items() if k not in dropped}
    clean.pop("REQUIRE_SERVICES", None)
    return subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


SHOW = (
    "import json, django; from django.conf import settings; django.setup();"
    "from config.celery import app;"
    "print(json.dumps({'engine': settings.DATABASES['default']['ENGINE'],"
    " 'eager': app.conf.task_always_eager, 'broker': settings.CELERY_BROKER_URL}))"
)


def test_embedded_default_uses_sqlite_and_inline_tasks():
    result = run_python(
        SHOW, {"DJANGO_SETTINGS_MODULE": "config.settings", "DEBUG": "1"}
    )
    assert result.returncode == 0, result.stderr
    shown = json.loads(result.stdout)
    assert shown == {
        "engine": "django.db.backends.sqlite3",
        "eager": True,
        "broker": "",
    }


def test_environment_switches_to_postgresql_and_redis():
    result = run_python(
        SHOW, {"DJANGO_SETTINGS_MODULE": "config.settings", **PRODUCTION}
    )
    assert result.returncode == 0, result.stderr
    shown = json.loads(result.stdout)
    assert shown["engine"] == "django.db.backends.postgresql"
    assert shown["eager"] is False
    assert shown["broker"] == "redis://redis:6379/0"


def test_secret_key_is_required_when_debug_is_off():
    env = {k: v for k, v in PRODUCTION.items() if k != "SECRET_KEY"}
    settings_env = {"DJANGO_SETTINGS_MODULE": "config.settings", **env}
    missing = run_python("import django; django.setup()", settings_env)
    assert missing.returncode != 0
    assert "SECRET_KEY" in missing.stderr
    empty = run_python(
        "import django; django.setup()", {**settings_env, "SECRET_KEY": " "}
    )
    assert empty.returncode != 0
    assert "SECRET_KEY" in empty.stderr


def test_deploy_check_passes_in_production_and_fails_with_debug_on():
    code = (
        "from django.core.management import execute_from_command_line as m;"
        "m(['manage.py', 'check', '--deploy', '--fail-level', 'WARNING'])"
    )
    ok = run_python(code, {"DJANGO_SETTINGS_MODULE": "config.settings", **PRODUCTION})
    assert ok.returncode == 0, ok.stderr + ok.stdout
    assert "no issues" in ok.stdout
    debug = run_python(
        code, {"DJANGO_SETTINGS_MODULE": "config.settings", **PRODUCTION, "DEBUG": "1"}
    )
    assert debug.returncode != 0
    assert "security.W018" in debug.stderr + debug.stdout


CACHE_SHOW = (
    "import json, django; from django.conf import settings; django.setup();"
    "backend = settings.CACHES['default']['BACKEND'];"
    "print(json.dumps({'cache': backend.rsplit('.', 1)[-1],"
    " 'sessions': settings.SESSION_ENGINE.rsplit('.', 1)[-1]}))"
)


def test_fragments_are_cached_per_process_unless_a_shared_redis_is_named():
    clean = {"DJANGO_SETTINGS_MODULE": "config.settings", "DEBUG": "1"}
    alone = run_python(CACHE_SHOW, {**clean, "CACHE_URL": "locmem://"})
    assert alone.returncode == 0, alone.stderr
    # Per process: sessions stay in the database, where a logout reaches all.
    assert json.loads(alone.stdout) == {"cache": "LocMemCache", "sessions": "db"}
    shared = run_python(CACHE_SHOW, {**clean, "CACHE_URL": "redis://redis:6379/1"})
    assert shared.returncode == 0, shared.stderr
    # Shared, and optional: sessions stay in the database, so a Redis outage
    # logs nobody out (issue 21).
    expected = {"cache": "OptionalRedisCache", "sessions": "db"}
    assert json.loads(shared.stdout) == expected
