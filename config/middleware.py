"""Project middleware: the user's language, /healthz for any Host, and the
Permissions-Policy header."""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.core.exceptions import DisallowedHost
from django.http import HttpRequest, HttpResponse

from agreements.models import InstitutionSettings
from config import health


class HealthzAnyHostMiddleware:
    """/healthz answers probes that address the container, not the site.

    The compose healthcheck and load balancers call http://127.0.0.1:8000/healthz,
    a Host that ALLOWED_HOSTS rightly refuses. For that one path an unknown Host
    gets the anonymous answer (no details) instead of a 400; a known Host goes
    through the ordinary stack, where staff see the details.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.path_info == "/healthz":
            try:
                request.get_host()
            except DisallowedHost:
                return health.report(staff=False)
        return self.get_response(request)


class PermissionsPolicyMiddleware:
    """The Permissions-Policy header (settings.PERMISSIONS_POLICY) on every answer."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        response.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        return response


class UserLanguageMiddleware:
    """Language choice: the institution's main language unless the user chose otherwise.

    The institution's working language is Norwegian (bokmål or nynorsk, as the
    institution sets it), so the browser's Accept-Language header is ignored. A
    user's explicit choice (the language cookie set by the switch) wins; without
    one, the language saved on the user; for someone not logged in, the
    institution's main language.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        request.META.pop("HTTP_ACCEPT_LANGUAGE", None)
        cookie = settings.LANGUAGE_COOKIE_NAME
        if cookie not in request.COOKIES:
            user = getattr(request, "user", None)
            if user is not None and user.is_authenticated:
                request.COOKIES[cookie] = user.language
            else:
                request.COOKIES[cookie] = InstitutionSettings.current().default_language
        return self.get_response(request)
