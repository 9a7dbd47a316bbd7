"""The coverage map: how the app serves each piece of the guidelines' advice."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import get_language

from guidelines import links


@login_required
def coverage_map(request: HttpRequest) -> HttpResponse:
    lang = get_language() or "nb"
    context = {"groups": links.rows(lang), "sources": links.sources(lang)}
    return render(request, "guidelines/coverage.html", context)
