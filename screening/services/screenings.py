"""Named actions on a screening: start, save answers, share, submit.

Every save re-scores the answers with the screening's own questionnaire
version and stores the result (`Screening.rescore`), so results are never
recomputed on read.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import get_language

from agreements import named_lists, partner_screening
from agreements import services as agreement_services
from agreements.models import Agreement, Partner, Unit, User
from config import fragments
from countries.models import Country
from screening import questionnaire as qn
from screening.models import Screening
from screening.services import reviews


class SubmitRefused(Exception):
    """The screening cannot be submitted yet; `reasons` says why, for the user."""

    def __init__(self, reasons: list[str]) -> None:
        super().__init__("; ".join(reasons))
        self.reasons = reasons


@dataclass(frozen=True)
class Conflict:
    """Another tab (or co-author) changed this answer since the form was loaded."""

    key: str
    mine: object
    stored: object


def latest_screening_of(agreement: Agreement, *, seen_by: User) -> Screening | None:
    """The latest screening of the agreement that `seen_by` may read: a renewal
    never copies (or links) a screening its author could not open."""
    return (
        Screening.objects.visible_to(seen_by)
        .filter(agreement=agreement)
        .exclude(status=Screening.Status.WITHDRAWN)
        .order_by("-created_at", "-pk")
        .first()
    )


def _metadata_answers(
    q: qn.Questionnaire, values: Mapping[str, object]
) -> dict[str, object]:
    """The case answers the definition knows, in the shape it validates."""
    kept: dict[str, object] = {}
    for key, value in values.items():
        question = q.question(key)
        if question is None or not qn.is_answered(value):
            continue
        if qn.validate_answer(question, value) is None:
            kept[key] = value
    return kept


def metadata_answers(
    screening: Screening, *, components: Iterable[str] = ()
) -> dict[str, object]:
    """The case answers (section 0) that mirror the screening's own fields."""
    partner = screening.partner
    proposed_country = screening.proposed_partner_country
    period_start, period_end = screening.period_start, screening.period_end
    return _metadata_answers(
        screening.questionnaire,
        {
            "case.title": screening.title,
            "case.stage": screening.stage,
            "case.unit": screening.unit.name,
            "case.start": period_start.isoformat() if period_start else "",
            "case.end": period_end.isoformat() if period_end else "",
            "case.partner": str(partner.pk) if partner else "",
            "case.country": (partner.country_id if partner else "")
            or (proposed_country.pk if proposed_country else ""),
            # A proposed partner's type is for the researcher to answer.
            "partner.type": partner.kind if partner and not partner.proposed else "",
            "collab.components": list(components),
        },
    )


@transaction.atomic
def create_screening(
    *,
    by: User,
    title: str,
    country: Country,
    unit: Unit,
    stage: str = Screening.Stage.NEW,
    partner: Partner | None = None,
    proposed_partner_name: str = "",
    proposed_partner_country: Country | None = None,
    proposed_partner_website: str = "",
    period_start: datetime.date | None = None,
    period_end: datetime.date | None = None,
    components: Iterable[str] = (),
    agreement: Agreement | None = None,
    previous: Screening | None = None,
) -> Screening:
    """Start a draft on the current questionnaire.

    For an agreement that already has a screening, the answers of the latest
    one are copied (same keys across versions), so a renewal or mid-term review
    starts from what was said last time and shows what changed.
    """
    qid, version = qn.CURRENT
    q = qn.load(qid, version)
    if partner is not None:
        named_lists.screen_partner(partner)  # against the lists loaded now
    elif proposed_partner_name and proposed_partner_country is not None:
        partner = partner_screening.propose_partner(
            name=proposed_partner_name,
            country=proposed_partner_country,
            website=proposed_partner_website,
            by=by,
        )
    if previous is None and agreement is not None:
        previous = latest_screening_of(agreement, seen_by=by)
    answers: dict[str, object] = {}
    if previous is not None:
        answers = {
            k: v
            for k, v in previous.answers.items()
            if q.question(k) and not k.startswith("case.")
        }
    screening = Screening(
        owner=by,
        title=title,
        partner=partner,
        proposed_partner_name="" if partner else proposed_partner_name,
        proposed_partner_country=None if partner else proposed_partner_country,
        proposed_partner_website="" if partner else proposed_partner_website,
        country=country,
        unit=unit,
        stage=stage,
        period_start=period_start,
        period_end=period_end,
        agreement=agreement,
        previous=previous,
        questionnaire_id=qid,
        questionnaire_version=version,
        answers=answers,
    )
    screening.answers.update(metadata_answers(screening, components=components))
    screening.rescore()
    screening.save()
    return screening


def _apply(answers: dict[str, object], key: str, value: object) -> None:
    if qn.is_answered(value):
        answers[key] = value
    else:
        answers.pop(key, None)


@transaction.atomic
def save_answers(
    screening: Screening,
    *,
    changes: Mapping[str, object],
    originals: Mapping[str, object],
    revision: int | None,
    by: User,
) -> list[Conflict]:
    """Store the answers the user changed; never overwrite someone else's.

    `changes` are the valid posted values of the questions on the page,
    `originals` the values the page was rendered with. A field the user left
    as it was is not written. A field that was changed meanwhile (another tab
    or a co-author) to something else keeps the stored value and comes back as
    a Conflict for the page to show. Keys of questions that are not visible
    with these answers are ignored (a follow-up shown live on the page is
    saved with the answer that shows it).
    """
    current = Screening.objects.select_for_update().get(pk=screening.pk)
    if not current.is_editable:
        return []
    q = current.questionnaire
    visible = qn.visible_keys(q, {**current.answers, **changes}, current.context())
    answers = dict(current.answers)
    conflicts: list[Conflict] = []
    unchanged_since_render = revision is not None and revision == current.revision
    for key, value in changes.items():
        if key not in visible:
            continue
        original = originals.get(key)
        if _same(value, original):
            continue
        stored = answers.get(key)
        if not unchanged_since_render and not _same(stored, original):
            if not _same(stored, value):
                conflicts.append(Conflict(key, value, stored))
            continue
        _apply(answers, key, value)
    if answers != current.answers:
        current.answers = answers
        current.rescore()
        with _unseen_while_draft(current):
            current.save()
    screening.refresh_from_db()
    return conflicts


def _unseen_while_draft(screening: Screening) -> AbstractContextManager:
    """A draft's edits leave cached pages valid: none of them shows drafts."""
    if screening.status == Screening.Status.DRAFT:
        return fragments.quietly()
    return nullcontext()


def _same(a: object, b: object) -> bool:
    empty_a, empty_b = not qn.is_answered(a), not qn.is_answered(b)
    if empty_a or empty_b:
        return empty_a and empty_b
    return a == b


@transaction.atomic
def save_mitigation_plan(
    screening: Screening, *, plan: Mapping[str, str], by: User
) -> Screening:
    """Record the researcher's planned measure against each flagged item."""
    cleaned = {k: v.strip() for k, v in plan.items() if v and v.strip()}
    if not screening.is_editable or cleaned == screening.mitigation_plan:
        return screening
    screening.mitigation_plan = cleaned
    with _unseen_while_draft(screening):
        screening.save(update_fields=["mitigation_plan"])
    return screening


@transaction.atomic
def add_co_author(screening: Screening, *, user: User, by: User) -> bool:
    """Let a colleague edit the draft. False when they already could."""
    if (
        user.pk == screening.owner_id
        or screening.co_authors.filter(pk=user.pk).exists()
    ):
        return False
    screening.co_authors.add(user)
    return True


@transaction.atomic
def remove_co_author(screening: Screening, *, user: User, by: User) -> bool:
    if not screening.co_authors.filter(pk=user.pk).exists():
        return False
    screening.co_authors.remove(user)
    return True


def blocking_reasons(screening: Screening, lang: str = "nb") -> list[str]:
    """Why the screening cannot be submitted yet (empty when it can): the
    blocking unknowns of the stored result, in the user's language."""
    return [
        qn.tr(item.get("text"), lang) or item.get("key", "")
        for item in screening.result.get("blocking", [])
    ]


@transaction.atomic
def submit_screening(screening: Screening, *, by: User) -> bool:
    """Send the screening to the contact point. False if it was already sent.

    Hidden answers are dropped here for good, and the result is scored once
    more on exactly what is submitted. Refused (SubmitRefused) while a
    blocking item is unanswered.
    """
    current = Screening.objects.select_for_update().get(pk=screening.pk)
    if not current.is_editable:
        screening.refresh_from_db()
        return False
    current.answers = current.clean_answers()
    current.rescore()
    reasons = blocking_reasons(current)
    if reasons:
        raise SubmitRefused(reasons)
    current.status = Screening.Status.SUBMITTED
    current.submitted_at = timezone.now()
    current.save()
    reviews.record_submission(current, by=by)  # review area: history, routes, e-mail
    _record_incidents(current, by=by)
    if current.agreement_id:
        reviews.record_on_agreement(current, by=by, decided=False)
    screening.refresh_from_db()
    return True


def _record_incidents(screening: Screening, *, by: User) -> None:
    """Incident questions answered "yes" become incidents of the partner, so
    its other screenings carry the flag `incident` (PTN-INCIDENT)."""
    if screening.partner is None:
        return
    q = screening.questionnaire
    reported = {
        key: f"{screening.title}: {qn.tr(q.question(key).text, get_language())}"
        for key, value in screening.answers.items()
        if key.startswith("incident.") and value == "yes" and q.question(key)
    }
    if reported:
        agreement_services.record_screening_incidents(
            partner=screening.partner,
            screening_id=screening.pk,
            reported=reported,
            occurred_on=timezone.localdate(screening.submitted_at),
            by=by,
        )


def changed_since_previous(screening: Screening) -> dict[str, Any]:
    """{key: previous value} for answers that differ from the previous screening."""
    previous = screening.previous
    if previous is None:
        return {}
    keys = set(screening.answers) | set(previous.answers)
    return {
        k: previous.answers.get(k)
        for k in keys
        if not _same(screening.answers.get(k), previous.answers.get(k))
    }
