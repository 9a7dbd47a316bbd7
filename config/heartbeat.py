"""The worker's heartbeat: proof that beat schedules and a worker runs tasks.

Beat enqueues `record_heartbeat` every minute; the worker that runs it writes
the time into the broker's Redis, which web, worker and beat all reach (the
page cache may be per process). `/healthz` reports its age, and the beat
container's healthcheck runs `python -m config.heartbeat --max-age 300`.
"""

from __future__ import annotations

import argparse
import os
import sys
import time

from celery import shared_task
from django.conf import settings

KEY = "samarbeidssjekk:worker-heartbeat"
INTERVAL = 60  # seconds between heartbeats: CELERY_BEAT_SCHEDULE in settings


def _redis():
    import redis

    return redis.Redis.from_url(
        settings.CELERY_BROKER_URL, socket_timeout=2, socket_connect_timeout=2
    )


def record(now: float | None = None) -> None:
    _redis().set(KEY, repr(time.time() if now is None else now), ex=7 * 24 * 3600)


def last_seen() -> float | None:
    """Unix time of the last heartbeat, None if there never was one."""
    value = _redis().get(KEY)
    return float(value) if value else None


@shared_task(ignore_result=True)
def record_heartbeat() -> None:
    record()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Exit 1 if the heartbeat is stale.")
    parser.add_argument("--max-age", type=float, default=5 * INTERVAL)
    max_age = parser.parse_args(argv).max_age
    seen = last_seen()
    if seen is None:
        print("no heartbeat yet", file=sys.stderr)  # noqa: T201
        return 1
    age = time.time() - seen
    print(f"last heartbeat {age:.0f} s ago")  # noqa: T201
    return 0 if age <= max_age else 1


if __name__ == "__main__":  # the beat container's healthcheck
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()
    sys.exit(main())
