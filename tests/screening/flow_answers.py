"""Answer sets for the screening flow tests, built from the definition itself."""

from __future__ import annotations

from screening import questionnaire as qn

SAMPLE = {"text": "As planned.", "date": "2026-01-01", "country": "SE"}


def calm_value(question: qn.Question, partner_id: int | None = None) -> object:
    """A definite, non-gap answer: the first option that is not "don't know"."""
    if question.type in SAMPLE:
        return SAMPLE[question.type]
    if question.type == "partner":
        return str(partner_id or "")
    options = [o for o in question.options if not o.gap and o.key != "unknown"]
    calm = [o for o in options if not o.points] or options
    if question.type == "multi":
        return [calm[0].key]
    return calm[0].key


def answer_everything(screening, **overrides) -> dict[str, object]:
    """Answers for every question visible with them, calm unless overridden."""
    q = screening.questionnaire
    context = screening.context()
    answers = dict(screening.answers) | overrides
    for _ in range(10):
        visible = qn.visible_keys(q, answers, context)
        missing = [
            k
            for k in visible
            if not qn.is_answered(answers.get(k))
            and q.question(k)
            and q.question(k).type != "assets"  # picking none is an answer
        ]
        if not missing:
            break
        for key in missing:
            answers[key] = calm_value(q.question(key), screening.partner_id)
    return answers
