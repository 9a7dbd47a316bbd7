"""The review queue at /reviews/: screenings waiting for a decision."""

from __future__ import annotations

from urllib.parse import urlencode

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Case, Count, IntegerField, Prefetch, Value, When
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from agreements import roles
from agreements.models import Partner, Unit
from countries.models import Country
from screening import questionnaire as qn
from screening.models import RouteTask, Screening
from screening.models.reviews import ROUTE_NAMES, ROUTE_SLUGS
from screening.services import reviews as services
from screening.views.screenings import lang

S = Screening.Status
RAISED = ("medium", "high", "very_high")
LEVEL_ORDER = Case(
    When(overall_level="very_high", then=Value(4)),
    When(overall_level="high", then=Value(3)),
    When(overall_level="medium", then=Value(2)),
    When(overall_level="low", then=Value(1)),
    default=Value(0),
    output_field=IntegerField(),
)


def can_see_queue(user: object) -> bool:
    return roles.is_contact_point(user) or roles.is_export_control(user)


def _raised(screening: Screening, dimension: str) -> bool:
    for item in (screening.result or {}).get("dimensions", []):
        if item.get("key") == dimension:
            return item.get("level") in RAISED
    return False


@login_required
def queue(request: HttpRequest) -> HttpResponse:
    user = request.user
    if not can_see_queue(user):
        raise PermissionDenied
    params = request.GET
    only_export = roles.is_export_control(user) and not roles.is_contact_point(user)
    if only_export and "route" not in params:
        return redirect("/reviews/?route=export-control")
    route_slug = params.get("route", "")
    route = ROUTE_SLUGS.get(route_slug, "")
    status = params.get("status", "")
    states = (
        (S.CHANGES_REQUESTED,)
        if status == S.CHANGES_REQUESTED
        else (services.UNDER_REVIEW)
    )
    rows = Screening.objects.filter(status__in=states)
    if params.get("level") in Screening.Level.values:
        rows = rows.filter(overall_level=params["level"])
    if route:
        rows = rows.filter(route_tasks__route=route)
    if params.get("unit", "").isdigit():
        rows = rows.filter(unit_id=params["unit"])
    if params.get("partner", "").isdigit():
        rows = rows.filter(partner_id=params["partner"])
    if len(params.get("country", "")) == 2:
        rows = rows.filter(country_id=params["country"].upper())
    rows = (
        rows.select_related("owner", "partner", "country", "unit")
        .prefetch_related(Prefetch("route_tasks", queryset=RouteTask.objects.all()))
        .annotate(level_rank=LEVEL_ORDER)
        .order_by("-level_rank", "submitted_at", "pk")
        .distinct()
    )
    items = list(rows)
    dimension = params.get("dimension", "")
    if dimension:
        items = [s for s in items if _raised(s, dimension)]
    waiting_since = services.waiting_since()
    counts = dict(
        Screening.objects.filter(
            status__in=(*services.UNDER_REVIEW, S.CHANGES_REQUESTED)
        )
        .values_list("status")
        .annotate(n=Count("pk"))
        .values_list("status", "n")
    )
    q = qn.load(*qn.CURRENT)
    language = lang()
    chosen = {k: v for k, v in params.items() if k in FILTER_KEYS and v}
    context = {
        "items": [
            {
                "screening": s,
                "waiting": s.submitted_at is not None
                and s.submitted_at <= waiting_since,
                "tasks": [
                    t for t in s.route_tasks.all() if not route or t.route == route
                ],
            }
            for s in items
        ],
        "counts": [
            (value, label, counts.get(value, 0))
            for value, label in (
                (S.SUBMITTED, S.SUBMITTED.label),
                (S.IN_REVIEW, S.IN_REVIEW.label),
                (S.CHANGES_REQUESTED, S.CHANGES_REQUESTED.label),
            )
        ],
        "status": status,
        "chosen": chosen,
        "route_slug": route_slug,
        "route_name": ROUTE_NAMES.get(route, ""),
        "routes": [(slug, ROUTE_NAMES[key]) for slug, key in ROUTE_SLUGS.items()],
        "levels": Screening.Level.choices,
        "dimensions": [(d.key, qn.tr(d.name, language)) for d in q.dimensions],
        "units": Unit.objects.order_by("name"),
        "countries": Country.objects.filter(
            screenings__status__in=(*services.UNDER_REVIEW, S.CHANGES_REQUESTED)
        ).distinct(),
        "partners": Partner.objects.filter(
            screenings__status__in=(*services.UNDER_REVIEW, S.CHANGES_REQUESTED)
        )
        .distinct()
        .order_by("name"),
        "waiting_days": settings.REVIEW_WAITING_DAYS,
        "query": urlencode(chosen),
    }
    return render(request, "screening/review_queue.html", context)


FILTER_KEYS = ("status", "level", "dimension", "route", "unit", "country", "partner")
