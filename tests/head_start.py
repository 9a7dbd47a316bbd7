"""Slow checks that run a subprocess start when the suite is collected.

A test that installs into a clean venv or runs pytest again on SQLite spends a
minute waiting on a subprocess, while the main pytest uses one of the two cores.
`start()` runs such a job in a thread as soon as the test is collected (see
tests/conftest.py); the test then calls `result()`, which waits for it. A test
run alone, or not collected with the others, runs its job in its turn.
"""

from __future__ import annotations

import shutil
import tempfile
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

Job = Callable[[Path], Any]


class _Started:
    def __init__(self, job: Job, directory: Path) -> None:
        self.value: Any = None
        self.error: BaseException | None = None
        self.thread = threading.Thread(target=self._run, args=(job, directory))
        self.thread.daemon = True
        self.thread.start()

    def _run(self, job: Job, directory: Path) -> None:
        try:
            self.value = job(directory)
        except BaseException as error:  # raised again in the test
            self.error = error


_started: dict[str, _Started] = {}


def start(name: str, job: Job, cleanup: Callable[[Callable[[], None]], None]) -> None:
    directory = Path(tempfile.mkdtemp(prefix=f"head-start-{name[:40]}-"))
    cleanup(lambda: shutil.rmtree(directory, ignore_errors=True))
    _started[name] = _Started(job, directory)


def result(name: str, job: Job, directory: Path, timeout: float = 1800) -> Any:
    """The job's return value: from its head start if it had one."""
    started = _started.pop(name, None)
    if started is None:
        return job(directory)
    started.thread.join(timeout)
    assert not started.thread.is_alive(), f"{name} did not finish in {timeout} s"
    if started.error is not None:
        raise started.error
    return started.value
