"""Language choice: the institution's main language unless the user chose otherwise.

The institution's working language is Norwegian (bokmål or nynorsk, as the
institution sets it), so the browser's Accept-Language header is ignored. A
user's explicit choice (the language cookie set by the switch) wins; without
one, the language saved on the user; for someone not logged in, the
institution's main language.
"""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse

from agreements.models import InstitutionSettings


class UserLanguageMiddleware:
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
