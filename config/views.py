"""Project-wide pages: the role-aware home page, the health probe and data sources."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import PasswordResetView
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views import i18n
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from agreements import roles
from config import datasets, health, throttle, waiting
from config.client_address import client_address

# Password reset requests: each sends an e-mail, so a script could flood a
# mailbox or the mail server. Per client address and per e-mail address.
RESETS_PER_ADDRESS, RESETS_PER_EMAIL, RESET_WINDOW = 10, 3, 3600


@login_required
def home(request: HttpRequest) -> HttpResponse:
    context = {
        "role_names": roles.role_names(request.user),
        "sections": waiting.sections(request.user),
    }
    return render(request, "home.html", context)


def sources(request: HttpRequest) -> HttpResponse:
    return render(request, "sources.html", {"datasets": datasets.DATASETS})


@never_cache
def healthz(request: HttpRequest) -> JsonResponse:
    """Database, broker and worker heartbeat; the reasons only for staff."""
    return health.report(staff=request.user.is_staff)


@require_POST
def set_language(request: HttpRequest) -> HttpResponse:
    """Django's language switch, remembering the choice on the user as well."""
    response = i18n.set_language(request)
    language = request.POST.get("language")
    user = request.user
    if user.is_authenticated and language in dict(settings.LANGUAGES):
        get_user_model().objects.filter(pk=user.pk).update(language=language)
    return response


class ThrottledPasswordResetView(PasswordResetView):
    """Django's password reset, refused (429) after too many requests an hour."""

    def form_valid(self, form):
        email = form.cleaned_data["email"].lower()
        allowed = throttle.allow(
            "reset-client",
            client_address(self.request),
            limit=RESETS_PER_ADDRESS,
            window=RESET_WINDOW,
        ) and throttle.allow(
            "reset-email", email, limit=RESETS_PER_EMAIL, window=RESET_WINDOW
        )
        if allowed:
            return super().form_valid(form)
        form.add_error(
            "email", _("Too many password reset requests. Try again in an hour.")
        )
        response = self.form_invalid(form)
        response.status_code = 429
        return response
