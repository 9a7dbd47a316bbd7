"""The work waiting for each role, counted for the home page.

Every count is one aggregate query however many rows there are, and every
count links to the list that shows exactly the rows counted (the queue, the
screening list, the register or the partner list with their filters), so a
number on the home page is always one click from the work behind it.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Q
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from agreements import flags, roles
from agreements.models import Agreement, Partner
from countries import levels
from incidents.models import IncidentReport
from screening import level_changes
from screening.models import FollowUp, Report, RouteTask, Screening
from screening.models.reviews import EXPORT_CONTROL_ROUTE
from screening.reports import access

S = Screening.Status
NOT_COUNTED = (S.DRAFT, S.WITHDRAWN)
LATEST_REPORTS = 5


@dataclass(frozen=True)
class Item:
    label: Promise
    count: int
    url: str


@dataclass
class Section:
    key: str
    title: Promise
    items: list[Item] = field(default_factory=list)
    reports: list[Any] = field(default_factory=list)


def contact_point(user: Any) -> Section:
    queue = Screening.objects.aggregate(
        submitted=Count("pk", filter=Q(status=S.SUBMITTED)),
        in_review=Count("pk", filter=Q(status=S.IN_REVIEW)),
        changes=Count("pk", filter=Q(status=S.CHANGES_REQUESTED)),
    )
    partners = Partner.objects.aggregate(
        matches=Count("pk", filter=Q(named_list_status="candidate")),
        proposed=Count("pk", filter=Q(proposed=True)),
    )
    expiring = Agreement.objects.filter(flags.conditions()["expires_soon"]).count()
    received = IncidentReport.objects.filter(
        status=IncidentReport.Status.RECEIVED
    ).count()
    return Section(
        key="contact_point",
        title=_("Contact point"),
        items=[
            Item(_("Submitted, not yet picked up"), queue["submitted"],
                 "/reviews/?status=submitted"),
            Item(_("In review"), queue["in_review"], "/reviews/?status=in_review"),
            Item(_("Returned to the researcher for changes"), queue["changes"],
                 "/reviews/?status=changes_requested"),
            Item(_("Partners with a named-list match to decide"),
                 partners["matches"], "/partners/?named_list=candidate"),
            Item(_("Proposed partners to confirm"), partners["proposed"],
                 "/partners/?proposed=true"),
            Item(_("Agreements expiring within 90 days"), expiring,
                 "/agreements/?flag=expires_soon"),
            Item(_("New reports of pressure or incidents"), received,
                 "/incidents/?status=received"),
        ],
    )  # fmt: skip


def researcher(user: Any) -> Section:
    through = Screening.co_authors.through.objects.filter(user=user)
    authored = Screening.objects.filter(
        Q(owner=user) | Q(pk__in=through.values("screening_id"))
    )
    counts = authored.aggregate(
        drafts=Count("pk", filter=Q(status=S.DRAFT)),
        changes=Count("pk", filter=Q(status=S.CHANGES_REQUESTED)),
    )
    changed = level_changes.with_changed_result(authored).count()
    follow_ups = FollowUp.objects.filter(owner=user, done_at=None).count()
    return Section(
        key="researcher",
        title=_("My screenings"),
        items=[
            Item(_("Drafts"), counts["drafts"], "/screenings/?status=draft"),
            Item(_("Changes requested"), counts["changes"],
                 "/screenings/?status=changes_requested"),
            Item(_("Results that changed in the last 30 days"), changed,
                 "/screenings/?changed=1"),
            Item(_("Conditions of approval to carry out"), follow_ups,
                 "/screenings/#follow-ups-title"),
        ],
    )  # fmt: skip


def export_control(user: Any) -> Section:
    open_routes = RouteTask.objects.filter(
        route=EXPORT_CONTROL_ROUTE,
        status=RouteTask.Status.OPEN,
        screening__status__in=(S.SUBMITTED, S.IN_REVIEW),
    ).count()
    return Section(
        key="export_control",
        title=_("Export control"),
        items=[
            Item(_("Open export-control routes"), open_routes,
                 "/reviews/?route=export-control"),
        ],
    )  # fmt: skip


def leadership(user: Any) -> Section:
    """The dashboard's headline figures (institution-wide, no filter)."""
    today = timezone.localdate()
    soon = today + datetime.timedelta(days=flags.EXPIRY_WARNING_DAYS)
    counted = Q(status__in=NOT_COUNTED)
    screenings = Screening.objects.aggregate(
        all=Count("pk", filter=~counted),
        high=Count("pk", filter=~counted & Q(overall_level__in=levels.HIGH_LEVELS)),
        pending=Count("pk", filter=Q(status__in=(S.SUBMITTED, S.IN_REVIEW))),
    )
    active = Q(status=Agreement.Status.ACTIVE)
    expiring = active & Q(end_date__gte=today, end_date__lte=soon)
    agreements = Agreement.objects.aggregate(
        active=Count("pk", filter=active),
        expiring=Count("pk", filter=expiring),
        unscreened=Count("pk", filter=active & Q(last_screening_level="")),
    )
    reports = list(
        access.reports_visible_to(user)
        .filter(status=Report.Status.READY)
        .select_related("screening")
        .order_by("-finished_at", "-pk")[:LATEST_REPORTS]
    )
    return Section(
        key="leadership",
        title=_("Leadership"),
        items=[
            Item(_("screenings (submitted or later)"), screenings["all"],
                 "/dashboard/"),
            Item(_("high or very high risk"), screenings["high"],
                 "/dashboard/#high-h"),
            Item(_("reviews pending"), screenings["pending"],
                 "/dashboard/#pend-h"),
            Item(_("active agreements"), agreements["active"],
                 "/agreements/?status=active"),
            Item(_("expire within 90 days"), agreements["expiring"],
                 "/agreements/?flag=expires_soon"),
            Item(_("active agreements without screening"), agreements["unscreened"],
                 "/agreements/?status=active&level=none"),
        ],
        reports=reports,
    )  # fmt: skip


def sections(user: Any) -> list[Section]:
    """The sections for each of the user's roles, the most hands-on first."""
    found = []
    if roles.is_contact_point(user):
        found.append(contact_point(user))
    if roles.is_export_control(user):
        found.append(export_control(user))
    if roles.has_role(user, roles.RESEARCHER):
        found.append(researcher(user))
    if roles.is_leadership(user):
        found.append(leadership(user))
    return found
