"""The agreement overview, detail page, forms and the document download."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from agreements import documents, flags, history, roles, services
from agreements.filters import AgreementFilter
from agreements.forms import AgreementForm
from agreements.models import Agreement
from agreements.views import contact_point_required
from config import fragments

PAGE_SIZE = 50


def filtered_agreements(request: HttpRequest) -> tuple[AgreementFilter, object]:
    """The overview's filter and its queryset: visible rows, flags annotated."""
    base = Agreement.objects.visible_to(request.user)
    if _sorts_by_partner(request):  # subqueries per row: only when they are the sort
        base = base.with_sort_keys()
    base = flags.annotate(base)
    agreement_filter = AgreementFilter(request.GET or None, queryset=base)
    queryset = agreement_filter.qs
    if queryset.query.order_by:  # a chosen sort: make ties stable across pages
        queryset = queryset.order_by(*queryset.query.order_by, "pk")
    return agreement_filter, queryset


def _sorts_by_partner(request: HttpRequest) -> bool:
    keys = (
        k.strip().lstrip("-") for v in request.GET.getlist("o") for k in v.split(",")
    )
    return any(key in ("partner", "country") for key in keys)


@login_required
def agreement_list(request: HttpRequest) -> HttpResponse:
    main = fragments.cached(request, "overview", lambda: _overview_main(request))
    context = {"main": main, "can_edit": roles.is_contact_point(request.user)}
    return render(request, "agreements/agreement_list.html", context)


def _overview_main(request: HttpRequest) -> str:
    """Flag counts, filters, the page of rows and the pager."""
    agreement_filter, queryset = filtered_agreements(request)
    counts = queryset.order_by().aggregate(
        total=Count("pk"),
        **{
            key: Count("pk", filter=Q(**{f"flag_{key}": True}))
            for key in flags.FLAG_KEYS
        },
    )
    page = Paginator(queryset.for_overview(), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    active_flags = agreement_filter.form.data.getlist("flag") if request.GET else []
    context = {
        "filter": agreement_filter,
        "page_obj": page,
        "flag_counts": [
            (flag, counts[flag.key], flag.key in active_flags) for flag in flags.FLAGS
        ],
        "total": counts["total"],
        "sort": request.GET.get("o", ""),
    }
    return render_to_string("agreements/_overview_main.html", context, request)


@login_required
def agreement_detail(request: HttpRequest, pk: int) -> HttpResponse:
    queryset = flags.annotate(Agreement.objects.visible_to(request.user)).for_overview()
    agreement = get_object_or_404(queryset, pk=pk)
    decisions = dict(history.named_values(Agreement, "last_decision"))
    context = {
        "agreement": agreement,
        "history": history.entries(agreement),
        "can_edit": roles.is_contact_point(request.user),
        "last_decision": decisions.get(agreement.last_decision, ""),
        "can_screen": roles.may_start_screening(request.user),
    }
    return render(request, "agreements/agreement_detail.html", context)


@contact_point_required
def agreement_create(request: HttpRequest) -> HttpResponse:
    form = AgreementForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        agreement = services.create_agreement(
            form.instance, partners=list(form.cleaned_data["partners"]), by=request.user
        )
        messages.success(request, _("The agreement was saved."))
        return redirect(agreement)
    return render(request, "agreements/agreement_form.html", {"form": form})


@contact_point_required
def agreement_edit(request: HttpRequest, pk: int) -> HttpResponse:
    agreement = get_object_or_404(Agreement, pk=pk)
    form = AgreementForm(
        request.POST or None, request.FILES or None, instance=agreement
    )
    conflict = None
    if request.method == "POST" and form.is_valid():
        try:
            services.update_agreement(
                form.instance,
                partners=list(form.cleaned_data["partners"]),
                expected_version=form.cleaned_data["version"],
                by=request.user,
            )
        except services.EditConflict as exc:
            conflict = exc.changes
            data = request.POST.copy()
            data["version"] = exc.version  # saving again now keeps the user's values
            form = AgreementForm(data, instance=Agreement.objects.get(pk=pk))
            form.is_valid()
        else:
            messages.success(request, _("The agreement was saved."))
            return redirect(agreement)
    context = {"form": form, "agreement": agreement, "conflict": conflict}
    return render(request, "agreements/agreement_form.html", context)


@login_required
def agreement_document(request: HttpRequest, pk: int) -> FileResponse:
    agreement = get_object_or_404(Agreement.objects.visible_to(request.user), pk=pk)
    if not agreement.document:
        raise Http404
    suffix = "." + agreement.document.name.rsplit(".", 1)[-1].lower()
    content_type = documents.CONTENT_TYPES.get(suffix)
    if content_type is None:
        raise Http404
    response = FileResponse(
        agreement.document.open("rb"),
        as_attachment=True,
        filename=agreement.document_name or f"agreement-{agreement.pk}{suffix}",
        content_type=content_type,
    )
    response["Cache-Control"] = "private, no-store"
    return response
