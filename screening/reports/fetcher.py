"""The only URL fetcher WeasyPrint gets: our own static files and data: URLs.

Report HTML contains researcher-typed text. It is escaped, but the fetcher is the
second wall: whatever a template or a user manages to reference, the renderer
never reads a local file outside the static directories and never opens a
network connection. Templates refer to `{% static %}` paths; `pdf.BASE_URL`
turns them into `https://static.invalid/static/...`, which this fetcher maps to
our static files: first through the staticfiles finders (the source files, as
in development), then in the collected static directory. In production the
manifest storage makes `{% static %}` name the hashed copy
(`css/pdf.0030215f3594.css`, whose fonts are hashed too), which exists only
after `collectstatic`, in STATIC_ROOT; the finders never see it.
"""

from __future__ import annotations

import mimetypes
from pathlib import PurePosixPath
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.contrib.staticfiles.storage import staticfiles_storage
from django.core.exceptions import SuspiciousFileOperation
from weasyprint.urls import FatalURLFetchingError, URLFetcher, URLFetcherResponse

ORIGIN = "https://static.invalid"


class RefusedURL(ValueError):
    """A URL the report renderer may not fetch."""


class MissingStaticFile(FatalURLFetchingError):
    """One of our own static files is missing: the report must fail loudly."""


class StaticOnlyFetcher(URLFetcher):
    def __init__(self) -> None:
        super().__init__(timeout=1, allowed_protocols={"data"}, allow_redirects=False)

    def fetch(self, url: str, headers: dict | None = None) -> URLFetcherResponse:
        scheme = url.split(":", 1)[0].lower() if ":" in url else ""
        if scheme == "data":
            return super().fetch(url, headers)
        path = static_path(url)
        if path is None:
            raise RefusedURL(f"Refused to fetch {url[:200]!r}")
        body = read_static(path)
        if body is None:
            raise MissingStaticFile(f"Static file not found: {path}")
        content_type = mimetypes.guess_type(path)[0] or "application/octet-stream"
        return URLFetcherResponse(url, body, {"Content-Type": content_type})


def read_static(path: str) -> bytes | None:
    """A static file's bytes: a source file, else a collected (hashed) copy."""
    found = finders.find(path)
    if found:
        with open(found, "rb") as handle:
            return handle.read()
    try:
        if staticfiles_storage.exists(path):
            with staticfiles_storage.open(path, "rb") as handle:
                return handle.read()
    except (SuspiciousFileOperation, OSError):
        return None
    return None


def static_path(url: str) -> str | None:
    """The static file a URL names, relative to the static dirs, or None."""
    if not url.startswith(ORIGIN + "/"):
        return None
    parts = urlsplit(url)
    prefix = settings.STATIC_URL
    if parts.query or parts.fragment or not parts.path.startswith(prefix):
        return None
    relative = unquote(parts.path[len(prefix) :])
    pure = PurePosixPath(relative)
    if not relative or pure.is_absolute() or ".." in pure.parts or "\\" in relative:
        return None
    return relative
