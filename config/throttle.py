"""A small fixed-window rate limit in the cache, for forms that send e-mail.

Counts live in the page cache; when it is unavailable (Redis away) the limit
is not applied, rather than refusing everyone.
"""

from __future__ import annotations

import hashlib

from django.core.cache import cache


def allow(kind: str, who: str, *, limit: int, window: int) -> bool:
    """Count one more attempt by `who`; False once it is over `limit` a window."""
    digest = hashlib.sha256(who.encode()).hexdigest()[:32]
    key = f"throttle:{kind}:{digest}"
    count = cache.get(key, 0)
    if count >= limit:
        return False
    cache.set(key, count + 1, window)
    return True
