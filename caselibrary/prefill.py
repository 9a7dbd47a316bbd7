"""What the publish form starts from: the screening's facts, never its people.

The prefill names no person (owner, co-authors and reviewers are left out),
and the screening's own title is offered only inside "what was planned",
where the form's checks refuse any name that slipped in.
"""

from __future__ import annotations

import re
from typing import Any

from django.utils.translation import gettext as _

from caselibrary.anonymity import Person
from caselibrary.models import Case
from countries.level_choices import RiskLevel
from screening.models import Comment, Screening, Transition
from screening.questionnaire import research_areas
from screening.reports.dimensions import DIMENSIONS

THEME_BY_DIMENSION = {
    "AF": Case.Theme.ACADEMIC_FREEDOM,
    "SEC": Case.Theme.SECURITY,
    "EXP": Case.Theme.EXPORT_CONTROL,
    "DP": Case.Theme.DATA,
    "REP": Case.Theme.GOVERNANCE,
}
RANK = {level: i for i, level in enumerate(RiskLevel.values)}


def level_name(level: str) -> str:
    return str(RiskLevel(level).label) if level in RiskLevel.values else level


def research_area_choices(lang: str) -> list[tuple[str, str]]:
    label = "nb" if lang not in ("nb", "nn", "en") else lang
    return [(o.key, o.label.get(label) or o.label["en"]) for o in research_areas()]


def initial(screening: Screening) -> dict[str, Any]:
    levels = screening.dimension_levels or {}
    order = list(DIMENSIONS)
    ranked = sorted(
        levels.items(),
        key=lambda kv: (
            -RANK.get(kv[1], -1),
            order.index(kv[0]) if kv[0] in order else 9,
        ),
    )
    areas = screening.answers.get("research.area") or []
    return {
        "title": _("%(stage)s in %(country)s")
        % {"stage": screening.get_stage_display(), "country": screening.country},
        "planned": _planned(screening),
        "mattered": _mattered(screening, ranked),
        "decided": _decided(screening),
        "theme": THEME_BY_DIMENSION.get(ranked[0][0], "") if ranked else "",
        "research_area": areas[0] if isinstance(areas, list) and areas else "",
        "country": screening.country_id,
        "show_partner": False,
    }


def _planned(screening: Screening) -> str:
    title = screening.title
    partner = screening.partner if screening.partner_id else None
    if partner is not None:  # the partner is hidden unless the contact point ticks
        name = re.compile(re.escape(partner.name), re.IGNORECASE)
        title = name.sub(_("the partner institution"), title)
    lines = [f"{screening.get_stage_display()}: {title}"]
    if screening.period_start and screening.period_end:
        lines.append(
            _("Planned period: %(start)s to %(end)s")
            % {"start": screening.period_start.year, "end": screening.period_end.year}
        )
    return "\n".join(lines)


def _mattered(screening: Screening, ranked: list[tuple[str, str]]) -> str:
    lines = [_("Overall level: %s") % level_name(screening.overall_level or "")]
    for key, level in ranked:
        if RANK.get(level, -1) >= RANK["medium"]:
            lines.append(f"{DIMENSIONS.get(key, key)}: {level_name(level)}")
    return "\n".join(lines)


def _decided(screening: Screening) -> str:
    decision = (
        Transition.objects.filter(screening=screening, action__in=Transition.DECISIONS)
        .order_by("-created_at", "-pk")
        .first()
    )
    if decision and decision.comment:
        return decision.comment  # the decision itself is shown beside the text
    return str(screening.get_status_display())


def people(screening: Screening) -> list[Person]:
    """Everyone whose name the screening knows: authors, reviewers, commenters."""
    users = {screening.owner, *screening.co_authors.all()}
    users.update(
        t.actor
        for t in Transition.objects.filter(screening=screening).select_related("actor")
        if t.actor
    )
    users.update(
        c.author
        for c in Comment.objects.filter(screening=screening).select_related("author")
        if c.author
    )
    return [Person(u.first_name, u.last_name, u.username) for u in users]
