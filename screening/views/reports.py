"""Reports: request, list, progress (htmx polling), download and retry."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.files.storage import default_storage
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from agreements import roles
from screening.models import Report, Screening
from screening.reports import access, fingerprints, services
from screening.reports.forms import SummaryFilterForm


@login_required
def report_list(request: HttpRequest) -> HttpResponse:
    reports = (
        access.reports_visible_to(request.user)
        .filter(requested_by=request.user)
        .select_related("screening", "requested_by")
    )
    page = Paginator(reports, 25).get_page(request.GET.get("page"))
    context = {"page": page, "stale": fingerprints.out_of_date(page.object_list)}
    return render(request, "screening/report_list.html", context)


@login_required
def report_detail(request: HttpRequest, pk: int) -> HttpResponse:
    report = _visible_report(request, pk)
    stale = fingerprints.out_of_date([report])
    context = {"report": report, "stale": report.pk in stale}
    return render(request, "screening/report_detail.html", context)


@login_required
def report_status(request: HttpRequest, pk: int) -> HttpResponse:
    """The status block alone, polled by htmx while the report renders."""
    report = _visible_report(request, pk)
    context = {"report": report, "stale": False}
    return render(request, "screening/_report_status.html", context)


@login_required
def report_download(request: HttpRequest, pk: int) -> HttpResponse:
    report = _visible_report(request, pk)
    if report.status != Report.Status.READY or not report.file_name:
        raise Http404
    if not default_storage.exists(report.file_name):
        raise Http404
    handle = default_storage.open(report.file_name, "rb")
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=report.download_name,
        content_type="application/pdf",
    )
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_POST
def report_retry(request: HttpRequest, pk: int) -> HttpResponse:
    report = _visible_report(request, pk)
    if not report.may_retry():
        messages.info(request, _("This report has not failed; nothing to retry."))
        return redirect(report)
    report = services.retry_report(report, by=request.user)
    _report_feedback(request, report)
    return redirect(report)


@login_required
@require_POST
def request_summary(request: HttpRequest) -> HttpResponse:
    if not roles.may_request_summary(request.user):
        raise PermissionDenied
    form = SummaryFilterForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Check the unit and period of the summary."))
        return redirect("/dashboard/")
    report = services.request_report(
        kind=Report.Kind.SUMMARY, by=request.user, params=form.to_filter().to_params()
    )
    _report_feedback(request, report)
    return redirect(report)


@login_required
@require_POST
def request_screening_report(request: HttpRequest, pk: int) -> HttpResponse:
    screening = get_object_or_404(Screening.objects.visible_to(request.user), pk=pk)
    report = services.request_report(
        kind=Report.Kind.SCREENING, by=request.user, screening=screening
    )
    _report_feedback(request, report)
    return redirect(report)


def _visible_report(request: HttpRequest, pk: int) -> Report:
    reports = access.reports_visible_to(request.user).select_related(
        "screening", "requested_by"
    )
    return get_object_or_404(reports, pk=pk)


def _report_feedback(request: HttpRequest, report: Report) -> None:
    report.refresh_from_db()
    if report.status == Report.Status.FAILED:
        messages.error(
            request,
            _("The report could not be started. %(error)s") % {"error": report.error},
        )
    elif report.status == Report.Status.READY:
        messages.success(request, _("The report is ready."))
    else:
        messages.info(request, _("The report is being made. This page updates itself."))
