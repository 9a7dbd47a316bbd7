"""The case library: browse and read (everyone), publish and unpublish
(the contact point)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from agreements import roles
from caselibrary import filters, prefill, services
from caselibrary.forms import PublishForm
from caselibrary.models import Case
from screening.models import Screening


def _contact_point_only(request: HttpRequest) -> None:
    if not roles.is_contact_point(request.user):
        raise PermissionDenied


@login_required
def case_list(request: HttpRequest) -> HttpResponse:
    cases = Case.objects.published().select_related("country", "partner")
    filterset = filters.CaseFilter(request.GET or None, queryset=cases)
    page = Paginator(filterset.qs, 25).get_page(request.GET.get("page"))
    areas = dict(prefill.research_area_choices(request.LANGUAGE_CODE))
    for case in page:
        case.area_label = areas.get(case.research_area, case.research_area)
    context = {"filter": filterset, "page_obj": page}
    return render(request, "caselibrary/case_list.html", context)


@login_required
def case_detail(request: HttpRequest, pk: int) -> HttpResponse:
    case = get_object_or_404(Case.objects.select_related("country", "partner"), pk=pk)
    may_manage = roles.is_contact_point(request.user)
    if not case.is_published and not may_manage:
        raise Http404
    sees_screening = (
        Screening.objects.visible_to(request.user).filter(pk=case.screening_id).exists()
    )
    context = {
        "case": case,
        "may_manage": may_manage,
        "sees_screening": sees_screening,
        "area": dict(prefill.research_area_choices(request.LANGUAGE_CODE)).get(
            case.research_area, ""
        ),
    }
    return render(request, "caselibrary/case_detail.html", context)


@login_required
def candidates(request: HttpRequest) -> HttpResponse:
    """Decided screenings the contact point may publish, and their case if any."""
    _contact_point_only(request)
    screenings = (
        Screening.objects.filter(status__in=Case.DECIDED)
        .select_related("country", "library_case")
        .order_by("-updated_at")
    )
    page = Paginator(screenings, 50).get_page(request.GET.get("page"))
    return render(request, "caselibrary/candidates.html", {"page_obj": page})


@login_required
def publish(request: HttpRequest, screening_id: int) -> HttpResponse:
    _contact_point_only(request)
    screening = get_object_or_404(
        Screening.objects.select_related("partner", "country"),
        pk=screening_id,
        status__in=Case.DECIDED,
    )
    case = Case.objects.filter(screening=screening).first()
    form = PublishForm(
        request.POST or None,
        instance=case,
        initial=None if case else prefill.initial(screening),
        screening=screening,
    )
    if request.method == "POST" and form.is_valid():
        case = services.publish_case(
            screening=screening, data=form.cleaned_data, by=request.user
        )
        messages.success(request, _("The case is published in the library."))
        return redirect(case)
    context = {"form": form, "screening": screening, "case": case}
    return render(request, "caselibrary/publish.html", context)


@login_required
@require_POST
def unpublish(request: HttpRequest, pk: int) -> HttpResponse:
    _contact_point_only(request)
    case = get_object_or_404(Case, pk=pk)
    services.unpublish_case(case=case, by=request.user)
    messages.success(request, _("The case is no longer in the library."))
    return redirect(case)
