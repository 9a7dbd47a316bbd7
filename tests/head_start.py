"""Slow checks that run a subprocess start when the suite starts.

A test that installs into a clean venv or runs pytest again on SQLite spends a
minute waiting on a subprocess. `start()` runs such a job in a thread early;
the test then calls `result()`, which waits for it. A test run alone, or not
collected with the others, runs its job in its turn.

In one process, the jobs start when the suite is collected (tests/conftest.py).
Under xdist (`make test`) they start in the controlling process, which only
hands out tests and is otherwise idle, and each job leaves its outcome as a
pickle in a directory the test processes know from the environment
(`HEAD_START_DIR`); the test that needs it waits for that file.
"""

from __future__ import annotations

import os
import pickle
import shutil
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

Job = Callable[[Path], Any]
SHARED = "HEAD_START_DIR"


class _Started:
    def __init__(self, job: Job, directory: Path, outcome: Path | None) -> None:
        self.value: Any = None
        self.error: BaseException | None = None
        self.outcome = outcome
        self.thread = threading.Thread(target=self._run, args=(job, directory))
        self.thread.daemon = True
        self.thread.start()

    def _run(self, job: Job, directory: Path) -> None:
        try:
            self.value = job(directory)
        except BaseException as error:  # raised again in the test
            self.error = error
        if self.outcome is not None:
            partial = self.outcome.with_suffix(".partial")
            partial.write_bytes(pickle.dumps((self.value, self.error)))
            partial.rename(self.outcome)  # whole, or not there yet


_started: dict[str, _Started] = {}


def start(name: str, job: Job, cleanup: Callable[[Callable[[], None]], None]) -> None:
    directory = Path(tempfile.mkdtemp(prefix=f"head-start-{name[:40]}-"))
    cleanup(lambda: shutil.rmtree(directory, ignore_errors=True))
    _started[name] = _Started(job, directory, None)


def start_shared(
    jobs: dict[str, Job], cleanup: Callable[[Callable[[], None]], None]
) -> None:
    """In xdist's controlling process: start the jobs and name their directory
    in the environment the test processes are started with."""
    shared = Path(tempfile.mkdtemp(prefix="head-start-shared-"))
    cleanup(lambda: shutil.rmtree(shared, ignore_errors=True))
    os.environ[SHARED] = str(shared)
    for name, job in jobs.items():
        directory = shared / name
        directory.mkdir()
        (shared / f"{name}.started").touch()
        _started[name] = _Started(job, directory, shared / f"{name}.pickle")


def result(name: str, job: Job, directory: Path, timeout: float = 1800) -> Any:
    """The job's return value: from its head start if it had one."""
    started = _started.pop(name, None)
    if started is not None:
        started.thread.join(timeout)
        assert not started.thread.is_alive(), f"{name} did not finish in {timeout} s"
        if started.error is not None:
            raise started.error
        return started.value
    shared = os.environ.get(SHARED)
    if shared and (Path(shared) / f"{name}.started").exists():
        return _shared_result(Path(shared) / f"{name}.pickle", name, timeout)
    return job(directory)


def _shared_result(outcome: Path, name: str, timeout: float) -> Any:
    deadline = time.monotonic() + timeout
    while not outcome.exists():
        assert time.monotonic() < deadline, f"{name} did not finish in {timeout} s"
        time.sleep(0.5)
    value, error = pickle.loads(outcome.read_bytes())
    if error is not None:
        raise error
    return value
