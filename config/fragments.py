"""Cached page fragments, keyed so that a cached copy is never wrong.

Only the overview and the dashboard are cached: `make bench` measured them at
91 and 95 requests per second under loopback load with the cache and 8 and 12
without it (target 100; 2026-12-03, scale 0.3, PostgreSQL, load average 3.6
and 5.7 on 2 shared CPUs); with this module, 82 and 95 with the cache and 2.3
and 5.1 without it (load average 3.5 to 8). Fresh renders of the other pages
meet their targets without a cache (the review queue 54-71 ms against 100 ms
on a quiet run), so nothing else is cached.

The key holds the fragment's name, the version of what pages show (a number
in the cache, moved after every commit that saved, deleted or linked a model
an app registered with `watch()`, and by the bulk services that bypass those
signals, which call `changed()`), the user (so a cached copy never shows one
person what only another may see), the language, today's date (the expiry
flags depend on it) and the query string. The lifetime only bounds memory and
how long a copy can outlive a version bump lost to a Redis outage.

With several processes (web workers, a Celery worker), CACHE_URL must name a
cache they share (Redis), or one process's writes do not reach the others'
copies for up to LIFETIME_SECONDS.
"""

from __future__ import annotations

import hashlib
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from typing import Any

from django.core.cache import cache
from django.db import models, transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import HttpRequest
from django.utils import timezone, translation
from django.utils.http import urlencode
from django.utils.safestring import SafeString, mark_safe

LIFETIME_SECONDS = 300
VERSION_KEY = "fragments:version"
# Saves that change nothing a page shows: a login writes only last_login.
UNSHOWN_FIELDS = frozenset({"last_login"})

_state = threading.local()


def version() -> int:
    """The current version; a fresh start (an emptied cache) begins at the clock,
    so it never comes back to a number an old copy was stored under."""
    current = cache.get(VERSION_KEY)
    if current is None:
        cache.add(VERSION_KEY, time.time_ns(), timeout=None)
        current = cache.get(VERSION_KEY, 0)
    return int(current)


def _bump() -> None:
    try:
        cache.incr(VERSION_KEY)
    except ValueError:  # no version yet (or it was evicted): start afresh
        cache.set(VERSION_KEY, time.time_ns(), timeout=None)


def changed(using: str = "default") -> None:
    """What pages show has changed: move the version when the current
    transaction commits (at once, outside a transaction)."""
    if not getattr(_state, "quiet", False):
        transaction.on_commit(_bump, using=using)


@contextmanager
def quietly() -> Iterator[None]:
    """Writes in this block move nothing (a draft's answers: no cached page
    shows drafts)."""
    previous = getattr(_state, "quiet", False)
    _state.quiet = True
    try:
        yield
    finally:
        _state.quiet = previous


def _saved(sender: Any, update_fields: Iterable[str] | None = None, **kw: Any) -> None:
    if update_fields and set(update_fields) <= UNSHOWN_FIELDS:
        return
    changed(kw.get("using") or "default")


def _deleted(sender: Any, using: str = "default", **kw: Any) -> None:
    changed(using)


def _linked(sender: Any, action: str, using: str = "default", **kw: Any) -> None:
    if action in ("post_add", "post_remove", "post_clear"):
        changed(using)


def watch(
    app_models: Iterable[type[models.Model]], *, unseen: Iterable[str] = ()
) -> None:
    """Move the version whenever one of these models (not named in `unseen`,
    not a history table) is saved, deleted or has its many-to-many links
    changed. Each app calls it from ready() with the models its pages show."""
    skipped = {name.lower() for name in unseen}
    for model in app_models:
        name = model._meta.model_name or ""
        if name in skipped or name.startswith("historical"):
            continue
        uid = f"fragments-{model._meta.label_lower}"
        post_save.connect(_saved, sender=model, dispatch_uid=f"{uid}-save")
        post_delete.connect(_deleted, sender=model, dispatch_uid=f"{uid}-delete")
        for field in model._meta.local_many_to_many:
            through = field.remote_field.through
            m2m_changed.connect(
                _linked, sender=through, dispatch_uid=f"{uid}-{field.name}"
            )


def key(request: HttpRequest, name: str) -> str:
    query = urlencode(sorted(request.GET.lists()), doseq=True)
    digest = hashlib.sha256(query.encode()).hexdigest()[:32]
    return ":".join(
        (
            "fragment",
            name,
            str(version()),
            str(request.user.pk),
            translation.get_language() or "",
            timezone.localdate().isoformat(),
            digest,
        )
    )


def cached(request: HttpRequest, name: str, build: Callable[[], str]) -> SafeString:
    """The fragment from the cache, or built, stored and returned."""
    fragment_key = key(request, name)
    html = cache.get(fragment_key)
    if html is None:
        html = str(build())
        cache.set(fragment_key, html, LIFETIME_SECONDS)
    return mark_safe(html)
