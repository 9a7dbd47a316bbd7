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
from typing import Any

from django.db import transaction
from kombu.exceptions import OperationalError

logger = logging.getLogger(__name__)

ENQUEUE_ERRORS: tuple[type[BaseException], ...] = (OperationalError, OSError)


def send_on_commit(task: Any, *args: Any) -> None:
    """Enqueue `task(*args)` on commit; run it inline if the broker is down."""

    def send() -> None:
        try:
            task.delay(*args)
        except ENQUEUE_ERRORS:
            logger.warning("Broker unavailable; running %s%r here", task.name, args)
            task.apply(args=args)

    transaction.on_commit(send)
