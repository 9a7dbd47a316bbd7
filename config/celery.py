"""The Celery app. Tasks are enqueued on commit through DjangoTask.delay_on_commit."""

from __future__ import annotations

import os

from celery import Celery
from celery.signals import worker_process_init

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

app = Celery("config", task_cls="celery.contrib.django.task:DjangoTask")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


@worker_process_init.connect
def _preload_matcher(**kwargs: object) -> None:
    """Each worker process builds the named-list matcher before its first task."""
    from agreements.named_lists import preload_index

    preload_index()
