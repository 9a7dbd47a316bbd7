"""Country profile pages: the filterable list and one country's profile."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from agreements import roles
from agreements.models import Agreement, Partner
from countries import filters, services, tiers
from countries.forms import AssessmentForm
from countries.labels import fact_rows
from countries.models import Assessment, Country


@login_required
def country_list(request: HttpRequest) -> HttpResponse:
    filterset = filters.CountryFilter(
        request.GET or None, queryset=Country.objects.all()
    )
    countries, sort = filters.sort_countries(filterset.qs, request.GET.get("sort", ""))
    query = request.GET.copy()
    query.pop("sort", None)
    links = {}
    for key in filters.SORTS:
        query["sort"] = f"-{key}" if sort == key else key
        links[key] = {
            "url": "?" + query.urlencode(),
            "state": "ascending"
            if sort == key
            else ("descending" if sort == f"-{key}" else ""),
        }
    context = {
        "filter": filterset,
        "countries": countries,
        "sort": links,
    }
    return render(request, "countries/country_list.html", context)


@login_required
def country_detail(request: HttpRequest, iso2: str) -> HttpResponse:
    history = Assessment.objects.select_related("assessed_by")
    country = get_object_or_404(
        Country.objects.prefetch_related(
            "indicators", Prefetch("assessments", queryset=history)
        ),
        iso2=iso2.upper(),
    )
    may_assess = roles.is_contact_point(request.user)
    if request.method == "POST" and not may_assess:
        raise PermissionDenied
    form = AssessmentForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.record_assessment(
            country=country,
            level=form.cleaned_data["level"],
            rationale=form.cleaned_data["rationale"],
            by=request.user,
        )
        messages.success(request, _("The assessment is recorded."))
        return redirect(country)
    facts = country.facts()
    values = {fact.flag: fact.value for fact in facts.facts}
    minor = tiers.minor_flags(values)
    flag_rows = [
        {**row, "minor": row["fact"].flag in minor} for row in fact_rows(facts)
    ]
    assessments = list(country.assessments.all())
    partners = _partners(country, request.user)
    context = {
        "partners": partners[:PARTNER_LIMIT],
        "partner_count": partners.count(),
        "partner_limit": PARTNER_LIMIT,
        "whole_register": roles.reads_whole_register(request.user),
        "country": country,
        "flag_rows": flag_rows,
        "indicators": list(country.indicators.all()),
        "current": assessments[0] if assessments else None,
        "assessments": assessments,
        "form": form if may_assess else None,
    }
    return render(request, "countries/country_detail.html", context)


PARTNER_LIMIT = 100  # the partner list filtered by country shows the rest


def _partners(country: Country, user: object) -> QuerySet[Partner]:
    """The country's partner institutions, each with the agreements the user may
    see (a constant number of queries however many partners there are)."""
    agreements = (
        Agreement.objects.visible_to(user)
        .only("pk", "title", "status", "end_date")
        .order_by("-end_date", "title")
    )
    return (
        Partner.objects.filter(country=country)
        .prefetch_related(
            Prefetch("agreements", queryset=agreements, to_attr="visible_agreements")
        )
        .order_by("name", "pk")
    )
