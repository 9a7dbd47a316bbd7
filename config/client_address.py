"""The client's own address, also behind the TLS proxy.

Behind a proxy REMOTE_ADDR is the proxy's address, the same for everyone: a
login lockout keyed on it locks every user out at once. Each proxy appends the
address it was connected from to X-Forwarded-For, so with TRUSTED_PROXY_COUNT
proxies in front of the app the client is the entry that many places from the
end. Entries before it were written by the client and are never trusted.
"""

from __future__ import annotations

import ipaddress

from django.conf import settings
from django.http import HttpRequest


def client_address(request: HttpRequest) -> str:
    remote = request.META.get("REMOTE_ADDR", "")
    count = settings.TRUSTED_PROXY_COUNT
    if count <= 0:
        return remote
    header = request.META.get("HTTP_X_FORWARDED_FOR", "")
    forwarded = [part.strip() for part in header.split(",") if part.strip()]
    if len(forwarded) < count:
        return remote  # not through all the proxies: nothing to trust
    candidate = forwarded[-count]
    try:
        return str(ipaddress.ip_address(candidate))
    except ValueError:
        return remote
