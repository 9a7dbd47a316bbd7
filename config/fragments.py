"""Cached page fragments, keyed so that a cached copy is never wrong.

The key holds the fragment's name, the data version (agreements.freshness:
any change to what pages show moves it), the user (so a cached copy never
shows one person what only another may see), the language, today's date (the
expiry flags depend on it) and the query string. The lifetime only bounds
memory; correctness comes from the key.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable

from django.core.cache import cache
from django.http import HttpRequest
from django.utils import timezone, translation
from django.utils.http import urlencode
from django.utils.safestring import SafeString, mark_safe

from agreements import freshness

LIFETIME_SECONDS = 300


def key(request: HttpRequest, name: str) -> str:
    query = urlencode(sorted(request.GET.lists()), doseq=True)
    digest = hashlib.sha256(query.encode()).hexdigest()[:32]
    return ":".join(
        (
            "fragment",
            name,
            str(freshness.current()),
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
