"""What the review page shows, read from stored rows (nothing is re-scored)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import Any

from django.utils.formats import date_format
from django.utils.translation import gettext as _

from agreements import roles
from countries.models import Country
from screening import decision_rules
from screening import questionnaire as qn
from screening.models import Comment, RouteTask, Screening, Transition
from screening.models.reviews import ROUTE_NAMES
from valueregister.models import Asset


@dataclass
class Thread:
    comment: Comment
    replies: list[Comment] = field(default_factory=list)


@dataclass
class AnswerRow:
    key: str
    text: str
    answer: str
    ledger: list[dict[str, Any]]
    threads: list[Thread]
    changed: bool = False
    before: str = ""


@dataclass
class SectionRows:
    key: str
    title: str
    rows: list[AnswerRow]

    @property
    def opened(self) -> bool:
        """Shown open on the review page: it scored, changed or has comments."""
        return any(row.ledger or row.changed or row.threads for row in self.rows)


def threads_by_question(screening: Screening) -> dict[str, list[Thread]]:
    """Comments as threads (one level of replies), keyed by question ("" = case)."""
    comments = list(screening.comments.select_related("author").order_by("created_at"))
    threads: dict[int, Thread] = {}
    grouped: dict[str, list[Thread]] = {}
    for comment in comments:
        if comment.parent_id is None:
            threads[comment.pk] = Thread(comment)
            grouped.setdefault(comment.question_key, []).append(threads[comment.pk])
    for comment in comments:
        if comment.parent_id in threads:
            threads[comment.parent_id].replies.append(comment)
    return grouped


def display(question: qn.Question | None, value: object, language: str) -> str:
    if not qn.is_answered(value):
        return _("(no answer)")
    if question is None:
        return str(value)
    values = value if isinstance(value, list) else [value]
    labels = []
    for item in values:
        option = question.option(item) if hasattr(question, "option") else None
        labels.append(qn.tr(option.label, language) if option else str(item))
    return ", ".join(labels)


def named(screening: Screening, question: qn.Question, value: object) -> str:
    """Names for answers stored as keys: the partner, the country, a date,
    the value-register assets."""
    if question.type == "assets" and isinstance(value, list) and value:
        return asset_names(value)
    if not qn.is_answered(value) or not isinstance(value, str):
        return ""
    if question.type == "partner" and value == str(screening.partner_id or ""):
        return screening.partner_name
    if question.type == "country":
        country = Country.objects.filter(pk=value).first()
        return country.name if country else ""
    if question.type == "date":
        try:
            return date_format(datetime.date.fromisoformat(value), "SHORT_DATE_FORMAT")
        except ValueError:
            return ""
    return ""


S = Screening.Status
# The answers on show are those of the latest submission: under review and
# after a decision (a decision never changes the answers).
SHOWS_LATEST_SUBMISSION = (
    S.SUBMITTED,
    S.IN_REVIEW,
    S.APPROVED,
    S.APPROVED_WITH_CONDITIONS,
    S.REJECTED,
)


def previous_submission(screening: Screening) -> Transition | None:
    """The submission to compare the answers on show with.

    While they are the latest submission's, that is the submission before it
    (none after a first round: nothing to compare). While the researcher
    revises them (changes requested, withdrawn), it is the latest submission.
    """
    submissions = list(
        screening.transitions.filter(action=Transition.Action.SUBMIT).order_by(
            "-created_at", "-pk"
        )[:2]
    )
    if screening.status in SHOWS_LATEST_SUBMISSION:
        return submissions[1] if len(submissions) > 1 else None
    return submissions[0] if submissions else None


def answer_sections(
    screening: Screening,
    language: str,
    threads: dict[str, list[Thread]],
    before: dict[str, Any] | None,
) -> list[SectionRows]:
    """Answered questions by section, with their ledger lines, comments and change."""
    q = screening.questionnaire
    answers = screening.answers or {}
    ledger: dict[str, list[dict[str, Any]]] = {}
    # A picked register asset counts where it was picked (its own line key is
    # the flag "sensitivity", not a question).
    picked_at = next((x.key for x in q.questions if x.type == "assets"), "")
    for line in (screening.result or {}).get("ledger", []):
        key = {"answer": line.get("key", ""), "asset": picked_at}.get(
            line.get("source")
        )
        if key:
            text = qn.tr(line.get("explanation"), language)
            ledger.setdefault(key, []).append({**line, "text": text})
    sections = []
    for section in q.sections:
        rows = []
        for question in section.questions:
            value = answers.get(question.key)
            old = before.get(question.key) if before is not None else value
            if not qn.is_answered(value) and not qn.is_answered(old):
                continue
            changed = before is not None and old != value
            rows.append(
                AnswerRow(
                    key=question.key,
                    text=qn.tr(question.text, language),
                    answer=named(screening, question, value)
                    or display(question, value, language),
                    ledger=ledger.get(question.key, []),
                    threads=threads.get(question.key, []),
                    changed=changed,
                    before=(
                        named(screening, question, old)
                        or display(question, old, language)
                    )
                    if changed
                    else "",
                )
            )
        if rows:
            sections.append(
                SectionRows(section.key, qn.tr(section.title, language), rows)
            )
    return sections


def fact_lines(screening: Screening, language: str) -> list[dict[str, Any]]:
    """Ledger lines from country and partner facts (not from answers)."""
    return [
        {**line, "text": qn.tr(line.get("explanation"), language)}
        for line in (screening.result or {}).get("ledger", [])
        if line.get("source") != "answer"
    ]


@dataclass
class CheckRow:
    """One line of the decision panel's checklist."""

    route: str
    name: str
    state: str
    done: bool
    sign_off: bool
    overridable: bool
    task: Any = None


def checklist(screening: Screening, tasks: list[Any]) -> list[CheckRow]:
    """The decision rules for the screening's level, each with its state."""
    states = [decision_rules.TaskState(t.route, t.status, t.mandatory) for t in tasks]
    by_route = {t.route: t for t in tasks}
    labels = dict(RouteTask.Status.choices)
    rows = []
    for check in decision_rules.checklist(
        decision_rules.load(), screening.overall_level, states
    ):
        task = by_route.get(check.route)
        rows.append(
            CheckRow(
                route=check.route,
                name=str(ROUTE_NAMES.get(check.route, check.route)),
                state=str(labels.get(check.state, _("Not yet recorded"))),
                done=check.done,
                sign_off=check.sign_off,
                overridable=check.overridable,
                task=task,
            )
        )
    return rows


@dataclass
class QuestionThreads:
    key: str
    text: str
    threads: list[Thread]


def for_author_page(screening: Screening, user: Any, language: str) -> dict[str, Any]:
    """The review as the screening's overview shows it: decision, comments, actions."""
    from screening.services import reviews

    decisions = [
        t
        for t in screening.transitions.select_related("actor").order_by("-created_at")
        if t.is_decision
    ]
    threads = threads_by_question(screening)
    q = screening.questionnaire
    by_question = []
    for key, items in threads.items():
        question = q.question(key) if key else None
        text = qn.tr(question.text, language) if question else ""
        by_question.append(QuestionThreads(key, text, items))
    by_question.sort(key=lambda item: (item.key != "", item.key))
    return {
        "decision": decisions[0] if decisions else None,
        "comments": by_question,
        "can_comment": reviews.can_comment(user, screening),
        "can_withdraw": screening.owner_id == user.pk
        and screening.status
        in (*reviews.UNDER_REVIEW, Screening.Status.CHANGES_REQUESTED),
        "shown": bool(decisions or by_question or screening.status != "draft"),
        "reviewer": roles.sees_all_screenings(user),
        "follow_ups": list(screening.follow_ups.select_related("done_by")),
    }


def asset_names(ids: list[object]) -> str:
    """ "Cryo-EM lab (Faculty of Medicine), ..." for an `assets` answer."""
    keys = [int(v) for v in ids if isinstance(v, str) and v.isascii() and v.isdigit()]
    found = Asset.objects.filter(pk__in=keys).select_related("unit")
    return ", ".join(f"{a.name} ({a.unit.name})" for a in found.order_by("name"))
