"""The shared page cache on Redis, treated as optional.

The cache only saves work (config.fragments keys every fragment on a version
moved after every change to what pages show), so a Redis outage must not reach
the user: a read that cannot reach Redis is a miss, a write is skipped, and
the page is rendered afresh. One warning per minute says so in the log.
Sessions do not live here (they are in the database), so nobody is logged out
or refused while Redis is away."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from functools import wraps
from typing import Any

from django.core.cache.backends.redis import RedisCache
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)
WARN_EVERY_SECONDS = 60
_last_warning = 0.0


def _warn(error: Exception) -> None:
    global _last_warning
    now = time.monotonic()
    if now - _last_warning >= WARN_EVERY_SECONDS:
        _last_warning = now
        logger.warning("Cache unavailable, rendering afresh: %s", type(error).__name__)


def _tolerant(fallback: Callable[..., Any]) -> Callable[[Callable], Callable]:
    """Run the cache method; on a Redis error, log and return fallback(*args)."""

    def decorate(method):
        @wraps(method)
        def call(self, *args, **kwargs):
            try:
                return method(self, *args, **kwargs)
            except RedisError as error:
                _warn(error)
                return fallback(*args, **kwargs)

        return call

    return decorate


def _default(key, default=None, *args, **kwargs):
    return default


class OptionalRedisCache(RedisCache):
    """Django's Redis cache, where an unreachable Redis means "not cached"."""

    get = _tolerant(_default)(RedisCache.get)
    get_many = _tolerant(lambda *a, **k: {})(RedisCache.get_many)
    has_key = _tolerant(lambda *a, **k: False)(RedisCache.has_key)
    set = _tolerant(lambda *a, **k: None)(RedisCache.set)
    add = _tolerant(lambda *a, **k: False)(RedisCache.add)
    set_many = _tolerant(lambda keys, *a, **k: list(keys))(RedisCache.set_many)
    incr = _tolerant(lambda *a, **k: 0)(RedisCache.incr)
    touch = _tolerant(lambda *a, **k: False)(RedisCache.touch)
    delete = _tolerant(lambda *a, **k: False)(RedisCache.delete)
    delete_many = _tolerant(lambda *a, **k: None)(RedisCache.delete_many)
    clear = _tolerant(lambda *a, **k: False)(RedisCache.clear)
