"""The leadership dashboard: the summary's figures and charts in the browser."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from screening.reports import access, charts_context, summary
from screening.reports.forms import SummaryFilterForm


@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    if not access.may_see_dashboard(request.user):
        raise PermissionDenied
    form = SummaryFilterForm(request.GET or None)
    data = summary.build(form.to_filter())
    context = {
        "form": form,
        "summary": data,
        "params": data.filter.to_params(),
        **charts_context.build_charts(data, prefix="dash"),
    }
    return render(request, "screening/dashboard.html", context)
