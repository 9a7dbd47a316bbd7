"""Demo screenings for the embedded demo (`seed_demo`); never for production.

About fifteen screenings of the demo agreements, across risk levels and
states, answered from a few profiles and scored by the real engine.
Deterministic and idempotent: a screening is found again by owner and title.
"""

from __future__ import annotations

import datetime

from django.db import transaction
from django.utils import timezone

from agreements.models import Agreement, User
from screening import questionnaire as qn
from screening.models import Screening
from screening.services import screenings as services
from valueregister.models import Asset

COUNT = 15
CALM = {"text": "Beskrevet i prosjektplanen.", "date": "2026-01-15", "country": "SE"}
INCOMPLETE: dict[str, object] = {  # a draft still waiting for the sanctions check
    "collab.components": ["joint_research"],
    "partner.sanctions_screened": "not_checked",
}
PROFILES: list[dict[str, object]] = [
    {  # exchange only: no research questions (B13)
        "collab.components": ["students_out", "students_in"],
        "collab.research_component": "no",
    },
    {
        "collab.components": ["joint_research", "data_sharing"],
        "data.personal": "special",
    },
    {
        "collab.components": ["joint_research", "guests_in"],
        "research.dual_use": "yes",
        "partner.military_links": "direct",
    },
    {  # applied AI with a partner new to us and IP not yet settled: Medium
        "collab.components": ["joint_research"],
        "collab.balance": "unknown",
        "research.area": ["ca_ai_big_data"],
        "research.maturity": "applied",
        "partner.familiarity": "new",
        "ip.partner_rights": "unclear",
    },
    INCOMPLETE,
    {
        "collab.components": ["joint_research", "infrastructure_access"],
        "collab.confidentiality": "partner_request",
        "collab.initiated_by": "intermediary",
    },
    {  # state-controlled partner with confidentiality at its request: High
        "collab.components": ["joint_research"],
        "funding.sources": ["foreign_government"],
        "partner.state_control": "yes",
        "partner.legal_compulsion": "yes",
        "collab.confidentiality": "partner_request",
    },
]
# Value-register assets (tools.demo.values) a profile's collaboration touches.
ASSET_PICKS = {
    2: "Laboratoriet for kvanteteknologi",
    6: "Katalysatorer for grønt hydrogen",
}
# Which profiles fit which partners: a contact point would find a Very-high
# military-linked case believable with a partner in a country of concern, not
# with the Sorbonne. Partners in tier T0/T1 countries get the everyday profiles.
EVERYDAY = [0, 1, 3, 4, 5]
OF_CONCERN = [2, 6, 3, 5]
WAITING = [2, 5, 9, 1, 20, 4, 18]
STATES = [
    Screening.Status.DRAFT,
    Screening.Status.SUBMITTED,
    Screening.Status.APPROVED,
    Screening.Status.APPROVED_WITH_CONDITIONS,
    Screening.Status.DRAFT,
    Screening.Status.IN_REVIEW,
    Screening.Status.SUBMITTED,
]


def _of_concern(partner) -> bool:
    country = partner.country
    return country is not None and country.tier in ("T2", "T3")


def _calm(question: qn.Question, partner_id: int | None, country: str) -> object:
    if question.type == "country" and country:
        return country
    if question.type in CALM:
        return CALM[question.type]
    if question.type == "partner":
        return str(partner_id or "")
    options = [o for o in question.options if not o.gap and o.key != "unknown"]
    calm = [o for o in options if not o.points] or options or list(question.options)
    return [calm[0].key] if question.type == "multi" else calm[0].key


def _answers(screening: Screening, profile: dict[str, object]) -> dict[str, object]:
    """The profile's answers, plus a calm answer to every other visible question."""
    q, context = screening.questionnaire, screening.context()
    answers = {**screening.answers, **profile}
    for _ in range(10):
        visible = qn.visible_keys(q, answers, context)
        missing = [
            k
            for k in visible
            if not qn.is_answered(answers.get(k))
            and getattr(q.question(k), "type", "") != "assets"  # none picked
        ]
        if not missing:
            break
        for key in missing:
            question = q.question(key)
            if question is not None:
                answers[key] = _calm(
                    question, screening.partner_id, screening.country_id
                )
    return answers


@transaction.atomic
def seed_screenings() -> int:
    owner = User.objects.filter(username="forsker").first()
    if owner is None:
        return 0
    agreements = (
        Agreement.objects.prefetch_related("partners__country")
        .select_related("responsible_unit")
        .order_by("pk")
    )
    # Every third agreement: varied topics and partners from every region.
    agreements = list(agreements)[::3][:COUNT]
    qid, version = qn.CURRENT
    count = 0
    for index, agreement in enumerate(agreements):
        partner = agreement.partners.first()
        if partner is None:
            continue
        screening, _ = Screening.objects.get_or_create(
            owner=owner,
            title=f"Vurdering: {agreement.title}"[:200],
            defaults={
                "partner": partner,
                "country": partner.country,
                "unit": agreement.responsible_unit or owner.unit,
                "agreement": agreement,
                "questionnaire_id": qid,
                "questionnaire_version": version,
                "period_start": agreement.start_date,
                "period_end": agreement.end_date,
            },
        )
        status = STATES[index % len(STATES)]
        fitting = OF_CONCERN if _of_concern(partner) else EVERYDAY
        profile = PROFILES[fitting[index % len(fitting)]]
        if status == Screening.Status.DRAFT and index == len(agreements) - 1:
            profile = INCOMPLETE  # the newest draft waits for its sanctions check
        elif profile is INCOMPLETE and status != Screening.Status.DRAFT:
            profile = PROFILES[3]  # only a draft waits for its sanctions check
        picked = ASSET_PICKS.get(PROFILES.index(profile))
        asset = Asset.objects.filter(name=picked).first() if picked else None
        if asset is not None:
            profile = {**profile, "collab.assets": [str(asset.pk)]}
        components = profile.get("collab.components") or ["joint_research"]
        case = services.metadata_answers(screening, components=components)
        answers = _answers(screening, {**case, **profile})
        if status == Screening.Status.DRAFT and index % 2:
            answers = {k: v for k, v in answers.items() if not k.startswith("agr.")}
        screening.answers = answers
        screening.status = status
        if status != Screening.Status.DRAFT:
            screening.answers = screening.clean_answers()
            waiting = status in (Screening.Status.SUBMITTED, Screening.Status.IN_REVIEW)
            # Waiting cases a few days to a few weeks old (most within the
            # REVIEW_WAITING_DAYS target, two past it); decided ones older.
            days = WAITING[index % len(WAITING)] if waiting else 60 + 17 * index
            day = timezone.localdate() - datetime.timedelta(days=days)
            screening.submitted_at = timezone.make_aware(
                datetime.datetime.combine(day, datetime.time(10))
            )
        screening.rescore()
        screening.save()
        count += 1
    return count
