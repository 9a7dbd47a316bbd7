"""System check: the report time limits, the watchdog and the broker fit together.

Each limit can be set on its own in the environment, so a change to one (a
longer REPORT_TIME_LIMIT, say) can leave another behind. If the watchdog's
limit is shorter than a render may take, it queues renders that are still
going; if the broker's visibility timeout is, Redis hands a running task to a
second worker. The web container runs `check --deploy --fail-level WARNING`, so
it refuses to start with limits that do not fit.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core import checks


@checks.register()
def check_report_limits(
    app_configs: Any = None, **kwargs: Any
) -> list[checks.CheckMessage]:
    soft, hard = settings.REPORT_SOFT_TIME_LIMIT, settings.REPORT_TIME_LIMIT
    stuck = settings.REPORT_STUCK_AFTER
    # A task waiting for a retry countdown is held unacknowledged too.
    longest = max(hard, settings.CELERY_TASK_TIME_LIMIT or 0) + getattr(
        settings, "TASK_LONGEST_COUNTDOWN", 0
    )
    visibility = (settings.CELERY_BROKER_TRANSPORT_OPTIONS or {}).get(
        "visibility_timeout", 3600
    )
    problems = []
    if soft >= hard:
        problems.append(
            f"REPORT_SOFT_TIME_LIMIT ({soft}) must be below REPORT_TIME_LIMIT "
            f"({hard}), or a report that takes too long is killed without a reason."
        )
    if stuck <= hard:
        problems.append(
            f"REPORT_STUCK_AFTER ({stuck}) must be above REPORT_TIME_LIMIT ({hard}), "
            "or the watchdog queues reports that are still rendering."
        )
    if visibility <= longest:
        problems.append(
            f"CELERY_VISIBILITY_TIMEOUT ({visibility}) must be above the longest "
            f"a task may run or wait for a retry ({longest}), or Redis hands "
            "tasks out twice."
        )
    return [checks.Warning(text, id="screening.W001") for text in problems]
