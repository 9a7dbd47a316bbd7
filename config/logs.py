"""Logs that an operator can search: one JSON object a line, with a request id.

Production (DEBUG off) logs JSON (`LOG_FORMAT=json`, the default there): each
line carries the time, level, logger, message, the request id of the request
that logged it (or the Celery task id inside a task) and any `extra=` fields.
`RequestIdMiddleware` takes the proxy's `X-Request-ID` when it is sane, makes
one up otherwise, and sends it back on the response, so one id follows a
request from the proxy's log through the app's lines to the browser.
"""

from __future__ import annotations

import datetime
import json
import logging
import re
import time
import uuid
from collections.abc import Callable
from contextvars import ContextVar

from django.http import HttpRequest, HttpResponse

request_id: ContextVar[str | None] = ContextVar("request_id", default=None)

HEADER = "HTTP_X_REQUEST_ID"
SANE_ID = re.compile(r"^[A-Za-z0-9._:-]{1,128}$")
# Attributes every LogRecord has; anything else came in through `extra=`.
STANDARD = set(vars(logging.makeLogRecord({}))) | {"message", "asctime"}
access_log = logging.getLogger("samarbeidssjekk.request")


class ContextFilter(logging.Filter):
    """Adds request_id, or task_id and task_name inside a Celery task."""

    def filter(self, record: logging.LogRecord) -> bool:
        if not hasattr(record, "request_id"):
            record.request_id = request_id.get()
        if not hasattr(record, "task_id"):
            task = _current_task()
            record.task_id = task.request.id if task else None
            record.task_name = task.name if task else None
        return True


def _current_task():
    from celery import current_task

    return current_task if current_task and current_task.request.id else None


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, object] = {
            "time": datetime.datetime.fromtimestamp(record.created, datetime.UTC)
            .isoformat(timespec="milliseconds")
            .replace("+00:00", "Z"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        for key, value in vars(record).items():
            if key not in STANDARD and value is not None and key not in entry:
                entry[key] = value
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry, default=str, ensure_ascii=False)


class RequestIdMiddleware:
    """X-Request-ID in, on every log line of the request, and out again."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        incoming = request.META.get(HEADER, "")
        rid = incoming if SANE_ID.match(incoming) else uuid.uuid4().hex
        request.request_id = rid  # type: ignore[attr-defined]
        token = request_id.set(rid)
        started = time.monotonic()
        try:
            response = self.get_response(request)
            response["X-Request-ID"] = rid
            # Container probes call /healthz every 30 s: keep them out of INFO.
            level = logging.DEBUG if request.path == "/healthz" else logging.INFO
            access_log.log(
                level,
                "%s %s %s",
                request.method,
                request.path,
                response.status_code,
                extra={
                    "method": request.method,
                    "path": request.path,
                    "status": response.status_code,
                    "duration_ms": round((time.monotonic() - started) * 1000, 1),
                },
            )
            return response
        finally:
            request_id.reset(token)
