"""Submitted screenings for the review tests, built through the real submit path."""

from __future__ import annotations

from screening import questionnaire as qn
from screening.models import Screening
from screening.services import screenings as screening_services
from tests import factories

EXPORT_ANSWERS = {"research.dual_use": "yes", "research.export_list": "list_II"}
SAMPLE = {"text": "As planned.", "date": "2026-01-01", "country": "SE"}


def calm_value(question: qn.Question, partner_id: int | None) -> object:
    """A definite answer that adds no points where the definition offers one."""
    if question.type in SAMPLE:
        return SAMPLE[question.type]
    if question.type == "partner":
        return str(partner_id or "")
    options = [o for o in question.options if not o.gap and o.key != "unknown"]
    calm = [o for o in options if not o.points and not o.routes] or options
    return [calm[0].key] if question.type == "multi" else calm[0].key


def answer_everything(screening: Screening, **overrides: object) -> dict:
    q = screening.questionnaire
    answers = dict(screening.answers) | overrides
    for _ in range(10):
        visible = qn.visible_keys(q, answers, screening.context())
        missing = [
            k
            for k in visible
            if not qn.is_answered(answers.get(k))
            and q.question(k).type != "assets"  # picking none is an answer
        ]
        if not missing:
            break
        for key in missing:
            answers[key] = calm_value(q.question(key), screening.partner_id)
    return answers


def draft(owner=None, *, export=False, overrides=None, **kwargs) -> Screening:
    """A fully answered draft; `export=True` makes it route to export control."""
    owner = owner or factories.researcher()
    screening = factories.ScreeningFactory(owner=owner, **kwargs)
    chosen = (EXPORT_ANSWERS if export else {}) | (overrides or {})
    screening.answers = answer_everything(screening, **chosen)
    screening.rescore()
    screening.save()
    return screening


def submitted(owner=None, *, export=False, overrides=None, **kwargs) -> Screening:
    """A screening submitted by its owner through the real submit service."""
    screening = draft(owner, export=export, overrides=overrides, **kwargs)
    screening_services.submit_screening(screening, by=screening.owner)
    screening.refresh_from_db()
    return screening
