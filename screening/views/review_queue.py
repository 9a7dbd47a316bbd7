"""The review queue at /reviews/: screenings waiting for a decision."""

from __future__ import annotations

from functools import reduce
from operator import or_

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import (
    Case,
    Count,
    Exists,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Value,
    When,
)
from django.http import HttpRequest, HttpResponse, QueryDict
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
PAGE_SIZE = 50
QUEUE_STATES = (*services.UNDER_REVIEW, S.CHANGES_REQUESTED)
RAISED = ("medium", "high", "very_high")
LEVEL_ORDER = Case(
    When(overall_level="very_high", then=Value(4)),
    When(overall_level="high", then=Value(3)),
    When(overall_level="medium", then=Value(2)),
    When(overall_level="low", then=Value(1)),
    default=Value(0),
    output_field=IntegerField(),
)
FILTER_KEYS = ("status", "level", "dimension", "route", "unit", "country", "partner")


def can_see_queue(user: object) -> bool:
    return roles.is_contact_point(user) or roles.is_export_control(user)


def raised_in(dimension: str, positions: int) -> Q:
    """Results that put `dimension` at medium or above, as an SQL condition.

    `result["dimensions"]` is a list of {"key", "level", ...}; each list
    position is tested (as `screening.reports.dimensions` counts them), so the
    order the questionnaire lists its dimensions in does not matter.
    """
    return reduce(
        or_,
        (
            Q(
                **{
                    f"result__dimensions__{i}__key": dimension,
                    f"result__dimensions__{i}__level__in": RAISED,
                }
            )
            for i in range(positions)
        ),
    )


def filtered(params: QueryDict, q: qn.Questionnaire) -> QuerySet[Screening]:
    """Screenings in the queue's states that match every filter but the status."""
    rows = Screening.objects.filter(status__in=QUEUE_STATES)
    if params.get("level") in Screening.Level.values:
        rows = rows.filter(overall_level=params["level"])
    route = ROUTE_SLUGS.get(params.get("route", ""), "")
    if route:
        tasks = RouteTask.objects.filter(screening=OuterRef("pk"), route=route)
        rows = rows.filter(Exists(tasks))
    if params.get("unit", "").isdecimal():
        rows = rows.filter(unit_id=params["unit"])
    if params.get("partner", "").isdecimal():
        rows = rows.filter(partner_id=params["partner"])
    if len(params.get("country", "")) == 2:
        rows = rows.filter(country_id=params["country"].upper())
    dimension = params.get("dimension", "")
    if dimension:
        rows = rows.filter(raised_in(dimension, len(q.dimensions)))
    return rows


@login_required
def queue(request: HttpRequest) -> HttpResponse:
    user = request.user
    if not can_see_queue(user):
        raise PermissionDenied
    params = request.GET
    only_export = roles.is_export_control(user) and not roles.is_contact_point(user)
    if only_export and "route" not in params:
        return redirect("/reviews/?route=export-control")
    q = qn.load(*qn.CURRENT)
    matching = filtered(params, q)
    counts = dict(
        matching.order_by()
        .values_list("status")
        .annotate(n=Count("pk"))
        .values_list("status", "n")
    )
    status = params.get("status", "")
    states = (
        (S.CHANGES_REQUESTED,)
        if status == S.CHANGES_REQUESTED
        else services.UNDER_REVIEW
    )
    rows = (
        matching.filter(status__in=states)
        .select_related("owner", "partner", "country", "unit")
        .prefetch_related("route_tasks")
        .annotate(level_rank=LEVEL_ORDER)
        .order_by("-level_rank", "submitted_at", "pk")
    )
    page = Paginator(rows, PAGE_SIZE).get_page(params.get("page"))
    route_slug = params.get("route", "")
    route = ROUTE_SLUGS.get(route_slug, "")
    waiting_since = services.waiting_since()
    language = lang()
    context = {
        "page": page,
        "items": [
            {
                "screening": s,
                "waiting": s.submitted_at is not None
                and s.submitted_at <= waiting_since,
                "tasks": [
                    t for t in s.route_tasks.all() if not route or t.route == route
                ],
            }
            for s in page
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
        "chosen": {k: v for k, v in params.items() if k in FILTER_KEYS and v},
        "route_slug": route_slug,
        "route_name": ROUTE_NAMES.get(route, ""),
        "routes": [(slug, ROUTE_NAMES[key]) for slug, key in ROUTE_SLUGS.items()],
        "levels": Screening.Level.choices,
        "dimensions": [(d.key, qn.tr(d.name, language)) for d in q.dimensions],
        "units": Unit.objects.order_by("name"),
        "countries": Country.objects.filter(
            screenings__status__in=QUEUE_STATES
        ).distinct(),
        "partners": Partner.objects.filter(screenings__status__in=QUEUE_STATES)
        .distinct()
        .order_by("name"),
        "waiting_days": settings.REVIEW_WAITING_DAYS,
    }
    return render(request, "screening/review_queue.html", context)
