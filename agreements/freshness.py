"""The data version: a counter that moves after every write that pages show.

Cached page fragments (config.fragments) are keyed on it, so they go stale in
every process at once. It is moved by watching the SQL itself: every INSERT,
UPDATE or DELETE on a table of the register, the countries or the screenings
(bulk updates and raw SQL included) moves it once per transaction, after the
commit. Saving a draft's answers runs `quietly()`: no cached page shows drafts.
"""

from __future__ import annotations

import logging
import re
import threading
from collections.abc import Iterator
from contextlib import contextmanager

from django.db import DatabaseError, IntegrityError, connections, transaction
from django.db.backends.signals import connection_created
from django.db.models import F

TRACKED_PREFIXES = ("agreements_", "countries_", "screening_")
UNTRACKED = re.compile(r"^agreements_(dataversion|importpreview)$|_historical")
WRITE = re.compile(r'^\s*(?:INSERT\s+INTO|UPDATE|DELETE\s+FROM)\s+"?(\w+)', re.I)

_state = threading.local()
logger = logging.getLogger(__name__)


def current() -> int:
    from agreements.models import DataVersion

    number = DataVersion.objects.filter(pk=1).values_list("number", flat=True).first()
    return number or 0


def _bump(using: str = "default") -> None:
    """Add one to the version (creating its row on the first write ever).

    Never fails the caller: before its table exists (a migration that runs
    ahead of it) there is no cached page to make stale either. In autocommit
    it runs as plain statements: SQLite cannot commit a transaction of its own
    while the write that called it (an INSERT ... RETURNING) is still open.
    """
    try:
        if connections[using].get_autocommit():
            _add_one()
        else:  # a transaction managed by hand: a failure must not end it
            with transaction.atomic(using=using):
                _add_one()
    except DatabaseError:
        logger.warning("The data version could not be moved.", exc_info=True)


def _add_one() -> None:
    from agreements.models import DataVersion

    if DataVersion.objects.filter(pk=1).update(number=F("number") + 1):
        return
    try:
        DataVersion.objects.create(pk=1, number=1)
    except IntegrityError:  # created by a concurrent first write
        DataVersion.objects.filter(pk=1).update(number=F("number") + 1)


def changed(using: str = "default") -> None:
    """Move the version when the current transaction commits (now, if none)."""
    connection = connections[using]
    if connection.in_atomic_block:
        if not any(entry[1] is _bump for entry in connection.run_on_commit):
            transaction.on_commit(_bump, using=using)  # once per transaction
    else:  # autocommit, or a transaction managed by hand: move it with the write
        _bump(using)


@contextmanager
def quietly() -> Iterator[None]:
    """Writes in this block move nothing (a draft's answers)."""
    previous = getattr(_state, "quiet", False)
    _state.quiet = True
    try:
        yield
    finally:
        _state.quiet = previous


def shown(sql: str) -> bool:
    """Whether this statement writes a table whose rows pages show."""
    match = WRITE.match(sql)
    if not match:
        return False
    table = match.group(1).lower()
    return table.startswith(TRACKED_PREFIXES) and not UNTRACKED.search(table)


class _Watcher:
    def __init__(self, alias: str) -> None:
        self.alias = alias

    def __call__(self, execute, sql, params, many, context):
        result = execute(sql, params, many, context)
        if not getattr(_state, "quiet", False) and shown(sql):
            changed(self.alias)
        return result


def _watch(sender, connection, **kwargs) -> None:
    if not any(isinstance(w, _Watcher) for w in connection.execute_wrappers):
        connection.execute_wrappers.append(_Watcher(connection.alias))


def connect() -> None:
    connection_created.connect(_watch, dispatch_uid="freshness-watch")
