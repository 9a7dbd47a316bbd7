"""The Celery app. Tasks are enqueued on commit through DjangoTask.delay_on_commit."""

from __future__ import annotations

import logging
import os
from typing import Any

from celery import Celery
from celery.signals import task_failure, worker_process_init

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

app = Celery("config", task_cls="celery.contrib.django.task:DjangoTask")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()

failures = logging.getLogger("samarbeidssjekk.tasks")


def _ids(values: Any) -> list[object]:
    """Task arguments are ids (style B6); anything else is shown by its type only."""
    return [
        v
        if isinstance(v, int) or (isinstance(v, str) and len(v) <= 64)
        else type(v).__name__
        for v in values or ()
    ]


@task_failure.connect
def log_task_failure(
    sender: Any = None,
    task_id: str | None = None,
    exception: BaseException | None = None,
    args: Any = None,
    kwargs: Any = None,
    einfo: Any = None,
    **_: Any,
) -> None:
    """Every failed task leaves one ERROR line (and a mail to ADMINS) saying which."""
    name = getattr(sender, "name", "?")
    arguments = _ids(args)
    keywords = dict(
        zip((kwargs or {}).keys(), _ids((kwargs or {}).values()), strict=True)
    )
    failures.error(
        "Task %s[%s] failed with %s; args=%s kwargs=%s",
        name,
        task_id,
        type(exception).__name__,
        arguments,
        keywords,
        exc_info=(type(exception), exception, exception.__traceback__)
        if exception
        else None,
        extra={
            "task_id": task_id,
            "task_name": name,
            "task_args": arguments,
            "task_kwargs": keywords,
        },
    )


@worker_process_init.connect
def _preload_matcher(**kwargs: object) -> None:
    """Each worker process builds the named-list matcher before its first task."""
    from agreements.named_lists import preload_index

    preload_index()
