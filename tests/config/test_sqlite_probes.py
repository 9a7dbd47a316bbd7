"""The out-of-range id probes of issue #21, run on SQLite as well.

The suite runs on PostgreSQL in CI, where an id beyond 64 bits simply finds
nothing; SQLite's driver raises OverflowError instead, which was a 500 in the
review queue and the agreement form. Queries on JSON keys differ too. So the
probes run once more here, in a pytest of their own on SQLite, the zero-setup
database; that pytest starts when the suite is collected and runs beside it.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from tests import head_start, parallel

ROOT = Path(__file__).resolve().parents[2]
PROBES = [
    "tests/agreements/test_forged_input.py",
    "tests/screening/test_forged_posts.py::test_the_review_queue_ignores_an_id_beyond_any_integer",
    "tests/screening/test_forged_posts.py::test_a_reply_to_a_comment_id_beyond_any_integer_is_not_found",
    # A JSON key compared as text: SQLite compared it as JSON and the
    # researcher's home page (the demo's first page) was a 500.
    "tests/config/test_home_work.py::test_researcher_sees_drafts_changes_requested_and_changed_results",
]


NAME = "test_the_id_probes_pass_on_sqlite"


def run_probes(directory: Path) -> subprocess.CompletedProcess:
    # Named outright, so a developer's .env cannot switch it back to PostgreSQL.
    env = {
        **parallel.plain_environment(dict(os.environ)),
        "DATABASE_URL": f"sqlite:///{directory / 'probes.sqlite3'}",
    }
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-q",
            "-p",
            "no:randomly",
            "-p",
            "no:cacheprovider",
            *PROBES,
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_the_id_probes_pass_on_sqlite(tmp_path):
    # Started when the suite was collected (tests/head_start.py), if it was.
    done = head_start.result(NAME, run_probes, tmp_path)
    summary = done.stdout.strip().splitlines()[-1] if done.stdout.strip() else ""
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-2000:]
    assert " passed" in summary
    assert "skipped" not in summary
