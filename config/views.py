"""Project-wide pages: the role-aware home page, the health probe and data sources."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.views import i18n
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from agreements import roles
from config import datasets, health, waiting


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
