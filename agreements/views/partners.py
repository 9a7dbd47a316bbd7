"""Partner institutions: list, detail, and the contact point's forms."""

from __future__ import annotations

import re

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from agreements import history, picker, roles, services
from agreements.filters import PartnerFilter
from agreements.forms import IncidentForm, PartnerForm
from agreements.models import Agreement, Partner
from agreements.views import contact_point_required


@login_required
def partner_list(request: HttpRequest) -> HttpResponse:
    visible = Agreement.objects.visible_to(request.user).values("pk")
    base = (
        Partner.objects.select_related("country")
        .prefetch_related("aliases")
        .annotate(
            agreement_count=Count(
                "agreements", filter=Q(agreements__in=visible), distinct=True
            )
        )
        .order_by("name", "pk")
    )
    partner_filter = PartnerFilter(request.GET or None, queryset=base)
    page = Paginator(partner_filter.qs, 50).get_page(request.GET.get("page"))
    context = {
        "filter": partner_filter,
        "page_obj": page,
        "can_edit": roles.is_contact_point(request.user),
    }
    return render(request, "agreements/partner_list.html", context)


@login_required
def partner_search(request: HttpRequest) -> HttpResponse:
    """htmx: the partner picker's options for the typed text."""
    query = request.GET.get("partner_query", "").strip()[:100]
    listbox = request.GET.get("listbox", "")
    if not re.fullmatch(r"[A-Za-z0-9_-]{1,60}", listbox):
        listbox = "partner-listbox"
    context = {
        "partners": picker.search(query),
        "query": query,
        "listbox": listbox,
        "propose": request.GET.get("propose") == "1" and len(query) >= 2,
    }
    return render(request, "agreements/_partner_listbox.html", context)


@login_required
def partner_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _detail(request, pk)


def _detail(
    request: HttpRequest, pk: int, incident_form: IncidentForm | None = None
) -> HttpResponse:
    partner = get_object_or_404(
        Partner.objects.select_related("country", "parent"), pk=pk
    )
    agreements = (
        Agreement.objects.visible_to(request.user)
        .filter(partners=partner)
        .select_related("responsible_unit")
        .order_by("-end_date", "title")
    )
    # Screening.partner's reverse relation: the register imports no screening code.
    screenings = partner.screenings.visible_to(request.user).order_by("-created_at")
    screenings = screenings[:20]
    context = {
        "partner": partner,
        "aliases": partner.aliases.all(),
        "children": partner.children.all(),
        "agreements": agreements,
        "screenings": screenings,
        "history": history.entries(partner),
        "can_edit": roles.is_contact_point(request.user),
        "incidents": partner.incidents.select_related("recorded_by"),
        "incident_form": incident_form or IncidentForm(),
    }
    status = 400 if incident_form is not None else 200
    return render(request, "agreements/partner_detail.html", context, status=status)


@contact_point_required
@require_POST
def partner_incident_add(request: HttpRequest, pk: int) -> HttpResponse:
    partner = get_object_or_404(Partner, pk=pk)
    form = IncidentForm(request.POST)
    if not form.is_valid():
        return _detail(request, pk, incident_form=form)
    services.record_partner_incident(
        partner=partner,
        occurred_on=form.cleaned_data["occurred_on"],
        description=form.cleaned_data["description"],
        by=request.user,
    )
    messages.success(
        request, _("The incident was recorded. The partner's screenings are rescored.")
    )
    return redirect(partner)


def _partner_form(request: HttpRequest, partner: Partner | None) -> HttpResponse:
    form = PartnerForm(request.POST or None, instance=partner)
    if request.method == "POST" and form.is_valid():
        saved = services.save_partner(
            form.instance, aliases=form.cleaned_data["aliases"], by=request.user
        )
        messages.success(request, _("The partner was saved."))
        return redirect(saved)
    return render(
        request, "agreements/partner_form.html", {"form": form, "partner": partner}
    )


@contact_point_required
def partner_create(request: HttpRequest) -> HttpResponse:
    return _partner_form(request, None)


@contact_point_required
def partner_edit(request: HttpRequest, pk: int) -> HttpResponse:
    return _partner_form(request, get_object_or_404(Partner, pk=pk))
