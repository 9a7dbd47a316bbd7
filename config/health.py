"""What /healthz reports: the database, the broker and the worker's heartbeat.

Anyone (the container healthcheck, a load balancer) sees one word per part;
staff also see why a part failed (the exception's class) and when the worker
was last heard from. Only the web process's own needs, the database and the
broker, make the answer 503; a stale worker makes it "degraded", still 200,
so a dead worker never takes the web containers out of rotation.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from django.conf import settings
from django.db import connection
from django.http import JsonResponse
from django.utils.cache import add_never_cache_headers

from config import heartbeat

Check = tuple[str, dict[str, object]]  # (word, details for staff)


def _guarded(check: Callable[[], Check]) -> Check:
    try:
        return check()
    except Exception as exc:  # any driver or kombu error means "down" to a probe
        return "error", {"error": exc.__class__.__name__}


def database() -> Check:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()
    return "ok", {}


def broker() -> Check:
    if not settings.CELERY_BROKER_URL:
        return "inline", {}
    from config.celery import app

    with app.connection_for_write() as conn:
        conn.ensure_connection(max_retries=1, timeout=2)
    return "ok", {}


def worker() -> Check:
    if not settings.CELERY_BROKER_URL:
        return "inline", {}  # tasks run in the web process itself
    seen = heartbeat.last_seen()
    if seen is None:
        return "missing", {}
    age = round(time.time() - seen)
    word = "ok" if age <= settings.HEARTBEAT_MAX_AGE else "stale"
    return word, {"last_heartbeat_seconds_ago": age}


def report(*, staff: bool) -> JsonResponse:
    results = {
        "database": _guarded(database),
        "broker": _guarded(broker),
        "worker": _guarded(worker),
    }
    body: dict[str, object] = {name: word for name, (word, _) in results.items()}
    if "error" in (body["database"], body["broker"]):
        body["status"], code = "error", 503
    elif body["worker"] in ("ok", "inline"):
        body["status"], code = "ok", 200
    else:
        body["status"], code = "degraded", 200
    if staff:
        body["details"] = {name: info for name, (_, info) in results.items() if info}
        body["version"] = settings.VERSION
    response = JsonResponse(body, status=code)
    add_never_cache_headers(response)
    return response
