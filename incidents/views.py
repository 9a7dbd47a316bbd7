"""Pages of the incident channel: report, my reports, the contact point's
list, and a case with its thread and the contact point's actions."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from agreements import roles
from incidents import services
from incidents.forms import ReplyForm, ReportForm, StatusForm, TieForm
from incidents.models import IncidentReport

PAGE = 50


@login_required
def report_new(request: HttpRequest) -> HttpResponse:
    form = ReportForm(request.POST or None)
    if request.method == "POST":
        if form.is_valid():
            report = services.submit_report(by=request.user, **form.cleaned_data)
            messages.success(
                request,
                _("Your report %(number)s was sent to the contact point.")
                % {"number": report.case_number},
            )
            return redirect(report)
        return render(request, "incidents/report_new.html", {"form": form}, status=400)
    return render(request, "incidents/report_new.html", {"form": form})


@login_required
def report_mine(request: HttpRequest) -> HttpResponse:
    reports = IncidentReport.objects.filter(reporter=request.user)
    return render(request, "incidents/report_mine.html", {"reports": reports})


@login_required
def report_list(request: HttpRequest) -> HttpResponse:
    """The contact point's cases (export control: those routed to it)."""
    user = request.user
    if not roles.sees_incident_list(user):
        raise PermissionDenied
    reports = IncidentReport.objects.visible_to(request.user).select_related(
        "reporter", "partner", "country"
    )
    if not roles.may_handle_incidents(request.user):
        reports = reports.filter(routed_at__isnull=False)
    status = request.GET.get("status", "")
    if status in IncidentReport.Status.values:
        reports = reports.filter(status=status)
    else:
        status = ""
    page = Paginator(reports, PAGE).get_page(request.GET.get("page"))
    context = {
        "page_obj": page,
        "status": status,
        "statuses": IncidentReport.Status.choices,
        "viewer": request.user,
    }
    return render(request, "incidents/report_list.html", context)


def _visible(request: HttpRequest, pk: int) -> IncidentReport:
    return get_object_or_404(
        IncidentReport.objects.visible_to(request.user).select_related(
            "reporter", "partner__country", "country", "partner_incident__partner"
        ),
        pk=pk,
    )


def _detail(request, report, *, reply=None, status_form=None, tie=None, code=200):
    user = request.user
    is_contact = roles.may_handle_incidents(user)
    thread = [
        (m, m.author if not m.by_reporter else report.reporter_name_for(user))
        for m in report.messages.select_related("author", "report")
    ]
    context = {
        "report": report,
        "reporter_name": report.reporter_name_for(user),
        "is_reporter": user.pk == report.reporter_id,
        "thread": thread,
        "may_reply": roles.may_reply_to_incident(user, report),
        "is_contact": is_contact,
        "reply_form": reply or ReplyForm(),
        "status_form": status_form or StatusForm(initial={"status": report.status}),
        "tie_form": tie
        or TieForm(
            initial={"partner": report.partner_id, "occurred_on": report.occurred_on}
        ),
    }
    return render(request, "incidents/report_detail.html", context, status=code)


@login_required
def report_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _detail(request, _visible(request, pk))


@login_required
@require_POST
def report_reply(request: HttpRequest, pk: int) -> HttpResponse:
    report = _visible(request, pk)
    if not roles.may_reply_to_incident(request.user, report):
        raise PermissionDenied
    form = ReplyForm(request.POST)
    if not form.is_valid():
        return _detail(request, report, reply=form, code=400)
    services.post_reply(report=report, by=request.user, text=form.cleaned_data["text"])
    messages.success(request, _("Your message was sent."))
    return redirect(report)


def _contact_case(request: HttpRequest, pk: int) -> IncidentReport:
    """A case the user can see, and may act on as the contact point."""
    report = _visible(request, pk)
    if not roles.may_handle_incidents(request.user):
        raise PermissionDenied
    return report


@login_required
@require_POST
def report_status(request: HttpRequest, pk: int) -> HttpResponse:
    report = _contact_case(request, pk)
    form = StatusForm(request.POST)
    if not form.is_valid():
        return _detail(request, report, status_form=form, code=400)
    services.change_status(
        report=report, status=form.cleaned_data["status"], by=request.user
    )
    messages.success(request, _("The status was changed."))
    return redirect(report)


@login_required
@require_POST
def report_route(request: HttpRequest, pk: int) -> HttpResponse:
    report = _contact_case(request, pk)
    services.route_to_export_control(report=report, by=request.user)
    messages.success(request, _("The case was routed to export control."))
    return redirect(report)


@login_required
@require_POST
def report_tie(request: HttpRequest, pk: int) -> HttpResponse:
    report = _contact_case(request, pk)
    form = TieForm(request.POST)
    if not form.is_valid():
        return _detail(request, report, tie=form, code=400)
    services.tie_to_partner(report=report, by=request.user, **form.cleaned_data)
    messages.success(
        request,
        _("The incident was recorded. The partner's screenings are rescored."),
    )
    return redirect(report)
