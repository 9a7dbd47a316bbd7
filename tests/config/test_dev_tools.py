"""The benchmark and demo seeding (tools/) exist only in development."""

from __future__ import annotations

import os
from unittest import mock

from tests.config.test_settings import PRODUCTION, run_python

COMMANDS = (
    "import django; from django.core.management import get_commands;"
    "django.setup(); commands = get_commands();"
    "print('seed_demo' in commands, 'bench' in commands)"
)
SETTINGS = {"DJANGO_SETTINGS_MODULE": "config.settings"}


def installed(env: dict[str, str]) -> list[str]:
    """Whether seed_demo and bench exist, in a fresh process with this env."""
    outside = {k: v for k, v in os.environ.items() if k != "DEV_TOOLS"}
    with mock.patch.dict(os.environ, outside, clear=True):
        result = run_python(COMMANDS, {**SETTINGS, **env})
    assert result.returncode == 0, result.stderr
    return result.stdout.split()


def test_production_has_no_seed_demo_and_no_bench():
    assert installed(PRODUCTION) == ["False", "False"]


def test_the_demo_with_debug_on_can_seed_and_bench():
    assert installed({"DEBUG": "1"}) == ["True", "True"]


def test_dev_tools_flag_installs_them_with_debug_off():
    assert installed({**PRODUCTION, "DEV_TOOLS": "1"}) == ["True", "True"]
