"""The review queue at /reviews/: screenings waiting for a decision."""

from __future__ import annotations

from collections.abc import Iterable

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import (
    Count,
    Exists,
    OuterRef,
    QuerySet,
)
from django.db.models.fields.json import KeyTextTransform
from django.db.models.lookups import In
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from agreements import roles
from agreements.models import Partner, Unit
from config.keys import as_key
from countries import levels
from countries.level_choices import rank_of
from countries.models import Country
from screening import questionnaire as qn
from screening.models import RouteTask, Screening, UndeliveredEmail
from screening.models.reviews import ROUTE_NAMES, ROUTE_SLUGS
from screening.services import reviews as services
from screening.services import undelivered
from screening.views.screenings import lang

S = Screening.Status
PAGE_SIZE = 50
QUEUE_STATES = (*services.UNDER_REVIEW, S.CHANGES_REQUESTED)
RAISED = levels.RAISED
FILTER_KEYS = ("status", "level", "dimension", "route", "unit", "country", "partner")
# What a row shows: not the answers and result (kilobytes of JSON per row).
ROW_FIELDS = (
    "title",
    "overall_level",
    "status",
    "submitted_at",
    "proposed_partner_name",
    "owner__username",
    "owner__first_name",
    "owner__last_name",
    "partner__name",
    "country__name_nb",
    "country__name_nn",
    "country__name_en",
    "unit__name",
)
Option = tuple[str, str, bool]


def raised_in(dimension: str) -> In:
    """Screenings at medium or above in `dimension`, as an SQL condition.

    Reads the small derived `dimension_levels` ({key: level}), so neither the
    stored result nor the order it lists its dimensions in matters. The key is
    passed to the database as a parameter, never parsed as a lookup path.
    """
    return In(KeyTextTransform(dimension, "dimension_levels"), RAISED)


def filtered(params: QueryDict) -> QuerySet[Screening]:
    """Screenings in the queue's states that match every filter but the status."""
    rows = Screening.objects.filter(status__in=QUEUE_STATES)
    if params.get("level") in Screening.Level.values:
        rows = rows.filter(overall_level=params["level"])
    route = ROUTE_SLUGS.get(params.get("route", ""), "")
    if route:
        tasks = RouteTask.objects.filter(screening=OuterRef("pk"), route=route)
        rows = rows.filter(Exists(tasks))
    if unit := _id(params.get("unit", "")):
        rows = rows.filter(unit_id=unit)
    if partner := _id(params.get("partner", "")):
        rows = rows.filter(partner_id=partner)
    if len(params.get("country", "")) == 2:
        rows = rows.filter(country_id=params["country"].upper())
    dimension = params.get("dimension", "")
    if dimension:
        rows = rows.filter(raised_in(dimension))
    return rows


def _id(text: str) -> int | None:
    """An id from the query string, or None when no row could have it: checked
    here, since SQLite refuses a number beyond 64 bits with an error."""
    return as_key(text)


def filter_choices(params: QueryDict) -> dict[str, list[Option]]:
    """Units, and the countries and partners of screenings in the queue, as
    (value, name, selected) options: names only, not whole rows (about a
    thousand partners at benchmark volume)."""
    in_queue = Screening.objects.filter(status__in=QUEUE_STATES)
    country_name = Country.name_field()
    countries = Country.objects.filter(iso2__in=in_queue.values("country_id"))
    partners = Partner.objects.filter(pk__in=in_queue.values("partner_id"))
    return {
        "units": _options(
            Unit.objects.order_by("name").values_list("pk", "name"),
            params.get("unit", ""),
        ),
        "countries": _options(
            countries.order_by(country_name).values_list("iso2", country_name),
            params.get("country", "").upper(),
        ),
        "partners": _options(
            partners.order_by("name").values_list("pk", "name"),
            params.get("partner", ""),
        ),
    }


def _options(rows: Iterable[tuple[object, str]], chosen: str) -> list[Option]:
    return [(str(value), name, str(value) == chosen) for value, name in rows]


@login_required
def queue(request: HttpRequest) -> HttpResponse:
    user = request.user
    if not roles.may_see_queue(user):
        raise PermissionDenied
    params = request.GET
    only_export = roles.is_export_control(user) and not roles.is_contact_point(user)
    if only_export and "route" not in params:
        return redirect("/reviews/?route=export-control")
    context = {"main": _queue_main(request)}
    if roles.is_contact_point(user):
        context["undelivered"] = list(undelivered.undelivered())
    return render(request, "screening/review_queue.html", context)


@login_required
@require_POST
def send_again(request: HttpRequest, pk: int) -> HttpResponse:
    """The contact point sends an undelivered review e-mail again."""
    if not roles.is_contact_point(request.user):
        raise PermissionDenied
    email = get_object_or_404(UndeliveredEmail, pk=pk)
    if undelivered.send_again(email, by=request.user):
        messages.success(request, _("The e-mail is being sent again."))
    return redirect("screening:review_queue")


def _queue_main(request: HttpRequest) -> str:
    """Counts, filters and the page of rows: 54-71 ms fresh at benchmark
    volume (target 100), so not cached (config.fragments)."""
    params = request.GET
    q = qn.load(*qn.CURRENT)
    matching = filtered(params)
    counts = dict(
        matching.order_by()
        .values_list("status")
        .annotate(n=Count("pk"))
        .values_list("status", "n")
    )
    status = params.get("status", "")
    # One state when one is chosen (the counts above and the home page link
    # to it); otherwise everything under review.
    states = (status,) if status in QUEUE_STATES else services.UNDER_REVIEW
    rows = (
        matching.filter(status__in=states)
        .select_related("owner", "partner", "country", "unit")
        .only(*ROW_FIELDS)
        .prefetch_related("route_tasks")
        .annotate(level_rank=rank_of("overall_level"))
        .order_by("-level_rank", "submitted_at", "pk")
    )
    page = Paginator(rows, PAGE_SIZE).get_page(params.get("page"))
    route_slug = params.get("route", "")
    route = ROUTE_SLUGS.get(route_slug, "")
    waiting_since = services.waiting_since()
    language = lang()
    level_names = dict(Screening.Level.choices)
    status_names = dict(S.choices)
    context = {
        "page": page,
        "items": [
            {
                "screening": s,
                # Names from choices read once, not get_FOO_display per row.
                "level_name": level_names[s.overall_level],
                "status_name": status_names[s.status],
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
        **filter_choices(params),
        "waiting_days": settings.REVIEW_WAITING_DAYS,
    }
    return render_to_string("screening/_review_queue_main.html", context, request)
