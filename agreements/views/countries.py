"""Country profile pages: the filterable list and one country's profile."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch, QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from agreements import roles
from agreements.models import Agreement, Partner
from countries import filters, flags, services, tiers
from countries.forms import AssessmentForm, FactForm
from countries.labels import (
    FLAG_LABELS,
    STATE_LABELS,
    TIER_REASONS,
    VALUE_LABELS,
    fact_rows,
)
from countries.models import FACT_KINDS, Assessment, Country, Indicator


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
    country = _country(iso2)
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
    return _render_detail(request, country, form=form)


@login_required
@require_POST
def fact_update(request: HttpRequest, iso2: str, kind: str) -> HttpResponse:
    """The contact point confirms a country fact or sets another value."""
    if not roles.is_contact_point(request.user):
        raise PermissionDenied
    if kind not in FACT_KINDS:
        raise Http404
    country = _country(iso2)
    form = FactForm(request.POST, kind=kind, prefix=kind)
    if not form.is_valid():
        return _render_detail(request, country, fact_forms={kind: form}, status=400)
    data = form.cleaned_data
    if data["action"] == "confirm":
        if services.current_fact(country=country, kind=kind) is None:
            raise Http404
        services.confirm_fact(
            country=country, kind=kind, by=request.user, note=data["note"]
        )
        messages.success(request, _("The fact is confirmed."))
    else:
        services.override_fact(
            country=country,
            kind=kind,
            value=data["value"],
            source=data["source"],
            source_url=data["source_url"],
            edition=data["edition"],
            note=data["note"],
            by=request.user,
        )
        messages.success(request, _("The new value is recorded."))
    return redirect(f"{country.get_absolute_url()}#facts-heading")


def _country(iso2: str) -> Country:
    history = Assessment.objects.select_related("assessed_by")
    return get_object_or_404(
        Country.objects.prefetch_related(
            "indicators", Prefetch("assessments", queryset=history)
        ),
        iso2=iso2.upper(),
    )


def _render_detail(
    request: HttpRequest,
    country: Country,
    *,
    form: AssessmentForm | None = None,
    fact_forms: dict[str, FactForm] | None = None,
    status: int = 200,
) -> HttpResponse:
    may_assess = roles.is_contact_point(request.user)
    facts = country.facts()
    values = {fact.flag: fact.value for fact in facts.facts}
    minor = tiers.minor_flags(values)
    _tier, reason = tiers.tier_reason(values)
    fact_forms = fact_forms or {}
    records = {i.kind: i for i in country.indicators.all() if i.kind in FACT_KINDS}
    flag_rows = []
    for row in fact_rows(facts):
        fact = row["fact"]
        editable = may_assess and fact.flag in FACT_KINDS
        if editable and fact.flag not in fact_forms:
            initial = {"value": fact.value, "source": fact.source}
            initial.update(source_url=fact.url, edition=fact.edition)
            fact_forms[fact.flag] = FactForm(
                kind=fact.flag, prefix=fact.flag, initial=initial
            )
        flag_rows.append(
            {
                **row,
                "minor": fact.flag in minor,
                "note": getattr(records.get(fact.flag), "verification_note", ""),
                "lang": getattr(records.get(fact.flag), "source_language", ""),
                "form": fact_forms.get(fact.flag) if editable else None,
                "open": fact.flag in fact_forms and fact_forms[fact.flag].is_bound,
            }
        )
    assessments = list(country.assessments.all())
    partners = _partners(country, request.user)
    context = {
        "partners": partners[:PARTNER_LIMIT],
        "partner_count": partners.count(),
        "partner_limit": PARTNER_LIMIT,
        "whole_register": roles.reads_whole_register(request.user),
        "country": country,
        "tier_reason": TIER_REASONS[reason],
        "flag_rows": flag_rows,
        "fact_history": _fact_history(country),
        "indicators": list(country.indicators.all()),
        "current": assessments[0] if assessments else None,
        "assessments": assessments,
        "form": (form or AssessmentForm()) if may_assess else None,
    }
    return render(request, "countries/country_detail.html", context, status=status)


def _fact_history(country: Country) -> list[dict[str, object]]:
    """Confirmations and changes of the country's facts, newest first."""
    rows = (
        Indicator.history.filter(country_id=country.iso2, kind__in=FACT_KINDS)
        .select_related("history_user")
        .order_by("-history_date")[:HISTORY_LIMIT]
    )
    return [
        {
            "when": row.history_date,
            "label": FLAG_LABELS.get(row.kind, row.kind),
            "value": VALUE_LABELS.get(row.value, row.value),
            "state": STATE_LABELS[
                flags.verification_state(
                    to_be_verified=row.to_be_verified,
                    set_by_institution=row.set_by_institution,
                )
            ],
            "by": row.history_user,
            "note": row.verification_note,
        }
        for row in rows
    ]


HISTORY_LIMIT = 50
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
