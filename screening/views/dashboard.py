"""The leadership dashboard: the summary's figures and charts in the browser."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils import timezone

from agreements import roles
from competence import coverage
from config import fragments
from screening.reports import charts_context, summary
from screening.reports.forms import SummaryFilterForm


@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    if not roles.may_request_summary(request.user):
        raise PermissionDenied
    form = SummaryFilterForm(request.GET or None)
    report_filter = form.to_filter()

    def main() -> str:
        data = summary.build(report_filter)
        context = {
            "form": form,
            "summary": data,
            **charts_context.build_charts(data, prefix="dash"),
        }
        return render_to_string("screening/_dashboard_main.html", context, request)

    context = {
        "main": fragments.cached(request, "dashboard", main),
        "unit": form.cleaned_data.get("unit") if form.is_bound else None,
        "today": timezone.localdate(),
        "params": report_filter.to_params(),
        "coverage": coverage.by_unit(),
    }
    return render(request, "screening/dashboard.html", context)
