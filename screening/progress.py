"""Where a screening stands: which sections apply, and which are answered.

Read by the section pages (progress bar, section list with ticks) and the case
overview. Visibility comes from the questionnaire core; nothing is decided here.
"""

from __future__ import annotations

from dataclasses import dataclass

from screening import questionnaire as qn
from screening.models import Screening

# Filled on the "new screening" page; not asked again in the sections.
METADATA_SECTIONS = frozenset({"case"})


@dataclass(frozen=True)
class SectionState:
    key: str
    section: qn.Section
    title: str
    visible: bool
    answered: int
    total: int
    missing: tuple[str, ...] = ()  # visible required questions still unanswered
    has_required: bool = False

    @property
    def done(self) -> bool:
        """Every visible required question is answered (a section without
        required questions is done once anything in it is answered)."""
        if not self.visible or self.missing:
            return False
        return self.started or self.has_required

    @property
    def started(self) -> bool:
        return self.answered > 0


def section_progress(screening: Screening, lang: str = "nb") -> list[SectionState]:
    """Every section of the definition in order, with its state for this case."""
    q = screening.questionnaire
    context = screening.context()
    answers = qn.clean_answers(q, screening.answers, context)
    visible = qn.visible_keys(q, answers, context)
    shown = {s.key for s in qn.visible_sections(q, answers, context)}
    required = {
        x.key for x in qn.required_questions(q, answers, context, visible=visible)
    }
    states = []
    for section in q.sections:
        if section.key in METADATA_SECTIONS:
            continue
        keys = [x.key for x in section.questions if x.key in visible]
        countable = [
            x.key
            for x in section.questions
            if x.key in visible and x.type not in ("text", "assets")  # optional
        ]
        states.append(
            SectionState(
                key=section.key,
                section=section,
                title=qn.tr(section.title, lang),
                visible=section.key in shown and bool(keys),
                answered=sum(1 for k in countable if qn.is_answered(answers.get(k))),
                total=len(countable),
                missing=tuple(
                    k
                    for k in keys
                    if k in required and not qn.is_answered(answers.get(k))
                ),
                has_required=any(k in required for k in keys),
            )
        )
    return states


def percent_done(states: list[SectionState]) -> int:
    shown = [s for s in states if s.visible]
    if not shown:
        return 0
    return round(100 * sum(1 for s in shown if s.done) / len(shown))
