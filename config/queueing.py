"""Sending Celery tasks after commit without letting a broker outage reach the user.

`delay_on_commit` raises in the on-commit hook when Redis is down, after the
data is saved but before the response: the user sees a 500 and the task is
lost. Notifications use `send_on_commit` instead: if the broker cannot take
the task, it runs here, in the web process (tasks are idempotent, so a later
redelivery changes nothing). Reports keep their own handling (a failed report
with a retry button), since a PDF is too heavy to render inside a request.
"""

from __future__ import annotations

import logging
from importlib import import_module
from typing import Any

from django.db import transaction
from kombu.exceptions import OperationalError

logger = logging.getLogger(__name__)

ENQUEUE_ERRORS: tuple[type[BaseException], ...] = (OperationalError, OSError)


def task_named(path: str) -> Any:
    """The task at this dotted path ("screening.tasks.notify_routed").

    A service enqueues its app's tasks by path, not by importing the tasks
    module: that module imports the services it runs, so importing it back
    would close an import cycle (tests/config/test_architecture.py).
    """
    module, _, name = path.rpartition(".")
    return getattr(import_module(module), name)


def send_on_commit(task: Any, *args: Any) -> None:
    """Enqueue `task(*args)` on commit (a task, or its dotted path); run it
    inline if the broker is down."""

    def send() -> None:
        nonlocal task
        if isinstance(task, str):
            task = task_named(task)
        try:
            task.delay(*args)
        except ENQUEUE_ERRORS:
            logger.warning("Broker unavailable; running %s%r here", task.name, args)
            task.apply(args=args)

    transaction.on_commit(send)
