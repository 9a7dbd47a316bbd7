"""The guided questionnaire: definitions as data, and what is shown and kept.

Pure Python (no Django imports). A definition is one YAML file per published
version in `screening/questionnaires/<id>-v<N>.yaml`, never edited once
published; `load(id, version)` reads it through the strict loader.

Answers are a dict `{question_key: value}`: a `str` for ynu ("yes" / "no" /
"unknown"), choice (option key), text, date (ISO "2025-03-01"), country
(ISO alpha-2) and partner (register id as str); a `list[str]` of option keys for
multi, and of value-register asset ids for assets (offered at run time; the
picked assets reach the engine as facts, see `countries.facts.AssetFacts`).
Section 0 (`case.*`) and `collab.components` are filled on the "new screening"
page and belong in the same dict so that conditions can read them (`case.stage`
may instead come from `Context.stage`).

One evaluator decides what is shown, what is required and what is kept: the
answers to hidden questions are dropped by `clean_answers`, so they can never
score or make another question visible.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Mapping

from screening.conditions import Context, Env, evaluate
from screening.questionnaire.checks import DefinitionError
from screening.questionnaire.compiled import Test, compiled
from screening.questionnaire.loader import (
    DEFINITIONS,
    definition_files,
    load,
    load_from_text,
    research_areas,
)
from screening.questionnaire.model import (
    LEVELS,
    Blocking,
    Condition,
    HardTrigger,
    Mitigation,
    Named,
    Option,
    Question,
    Questionnaire,
    Section,
    Text,
    level_index,
    text_language,
    tr,
)

CURRENT = ("samarbeid", 2)

__all__ = [
    "CURRENT",
    "DEFINITIONS",
    "LEVELS",
    "Blocking",
    "Condition",
    "Context",
    "DefinitionError",
    "HardTrigger",
    "Mitigation",
    "Named",
    "Option",
    "Question",
    "Questionnaire",
    "Section",
    "Text",
    "clean_answers",
    "clean_answers_and_visible",
    "definition_files",
    "is_answered",
    "level_index",
    "load",
    "load_from_text",
    "required_questions",
    "research_areas",
    "text_language",
    "tr",
    "validate_answer",
    "visible_keys",
    "visible_questions",
    "visible_sections",
]

ISO2 = re.compile(r"^[A-Z]{2}$")
PARTNER_ID = re.compile(r"^[0-9]{1,12}$")
ERRORS = ("unknown_option", "too_long", "bad_date", "bad_country", "bad_partner")
ASSET_LIMIT = 50  # assets one answer may pick
CHOICES = ("ynu", "choice")  # answered with one option key


def is_answered(value: object) -> bool:
    return value not in (None, "", [], ())


def visible_keys(
    q: Questionnaire, answers: Mapping[str, object], facts: Context
) -> frozenset[str]:
    """Keys of the visible questions, evaluated to a fixed point.

    Each round drops the answers of questions found hidden and evaluates again,
    so an answer that is itself hidden can never keep another question visible.
    The loader forbids cycles, so this settles within a few rounds.
    """
    return _settle(q, answers, facts)[1]


def _settle(
    q: Questionnaire, answers: Mapping[str, object], facts: Context
) -> tuple[dict[str, object], frozenset[str]]:
    """`visible_keys`, with the answers its last round was evaluated on."""
    known = q.questions_by_key
    current = {k: v for k, v in answers.items() if k in known}
    visible: frozenset[str] = frozenset()
    for _ in range(len(q.questions) + 1):
        visible = _shown(q, current, facts)
        kept = {k: v for k, v in current.items() if k in visible}
        if len(kept) == len(current):  # a subset with the same values: equal
            break
        current = kept
    return current, visible


def _shown(
    q: Questionnaire, answers: Mapping[str, object], facts: Context
) -> frozenset[str]:
    """One round of `visible_keys`: the questions shown for these answers."""
    env = Env(q, answers, facts)
    shown: list[str] = []
    held: dict[Test, bool] = {}  # a condition many questions share, tested once
    for section_test, always, conditional in compiled(q).visibility:
        if section_test is None or section_test(env):
            shown += always
            for key, test in conditional:
                holds = held.get(test)
                if holds is None:
                    holds = held[test] = test(env)
                if holds:
                    shown.append(key)
    return frozenset(shown)


def visible_sections(
    q: Questionnaire, answers: Mapping[str, object], facts: Context
) -> list[Section]:
    """Sections to show, in order: those whose condition holds on clean answers."""
    clean = clean_answers(q, answers, facts)
    env = Env(q, clean, facts)
    return [s for s in q.sections if evaluate(s.show_if, env)]


def visible_questions(
    q: Questionnaire,
    section: Section,
    answers: Mapping[str, object],
    facts: Context,
) -> list[Question]:
    """Questions of `section` to show (none if the section itself is hidden)."""
    visible = visible_keys(q, answers, facts)
    return [question for question in section.questions if question.key in visible]


def required_questions(
    q: Questionnaire,
    answers: Mapping[str, object],
    facts: Context,
    *,
    visible: frozenset[str] | None = None,
    env: Env | None = None,
) -> list[Question]:
    """Visible questions that must be answered (`required`, or `required_if` holds).

    `visible`: the `visible_keys` of these answers, when the caller has them;
    `env`: an `Env` of these answers and facts (no levels yet), whose derived
    values are reused where that gives the same values.
    """
    if visible is None:
        visible = visible_keys(q, answers, facts)
    if visible.issuperset(answers):  # as clean as it gets (the engine's case)
        clean: Mapping[str, object] = answers
    else:
        clean = {k: v for k, v in answers.items() if k in visible}
    if not (
        env is not None
        and env.questionnaire is q
        and env.answers is clean
        and env.context is facts
        and env.levels is None
        and env.triggers is None
        and compiled(q).independent
    ):
        env = Env(q, clean, facts)
    return [
        question
        for question, always, test in compiled(q).required
        if question.key in visible and (always or (test is not None and test(env)))
    ]


def clean_answers(
    q: Questionnaire, answers: Mapping[str, object], facts: Context
) -> dict[str, object]:
    """The answers worth keeping: visible questions only, valid values only.

    Unknown keys (forged or from another version), answers to hidden questions
    and values that `validate_answer` refuses are dropped; unknown items of a
    multi answer are removed, keeping the valid ones in definition order.
    """
    return clean_answers_and_visible(q, answers, facts)[0]


def clean_answers_and_visible(
    q: Questionnaire, answers: Mapping[str, object], facts: Context
) -> tuple[dict[str, object], frozenset[str]]:
    """`clean_answers`, and the `visible_keys` of the clean answers.

    The engine needs both; they usually come out of the same fixed point,
    which is then evaluated once instead of twice.
    """
    known = q.questions_by_key
    choices = compiled(q).choices
    valid: dict[str, object] = {}
    choice = choices.get
    for key, value in answers.items():
        options = choice(key)
        if options is not None and value.__class__ is str:  # most: an option key
            if value in options:
                valid[key] = value
            continue
        question = known.get(key)
        if question is None or value in (None, "", [], ()):  # not is_answered
            continue
        kind = question.type
        if kind == "multi" and isinstance(value, list | tuple):
            chosen = {str(v) for v in value}
            value = [k for k in question.option_keys if k in chosen]
            if value:  # option keys only, so valid
                valid[key] = value
        elif kind in CHOICES and isinstance(value, str):
            if value in question.option_keys:
                valid[key] = value
        elif validate_answer(question, value) is None:
            valid[key] = value
    visible = _shown(q, valid, facts)
    if visible.issuperset(valid):  # nothing hidden: the first round settles
        return valid, visible
    settled, visible = _settle(q, valid, facts)
    clean = {k: v for k, v in valid.items() if k in visible}
    if clean != settled:
        # An answer dropped in an early round is visible again in the last
        # one: the clean answers are another starting point, settle them too.
        visible = visible_keys(q, clean, facts)
    return clean, visible


def validate_answer(question: Question, value: object) -> str | None:
    """None when `value` is a valid answer to `question`, else an error key.

    Error keys: "unknown_option", "too_long", "bad_date", "bad_country",
    "bad_partner" (the web layer turns them into translated messages).
    """
    kind = question.type
    if kind == "assets":
        if not isinstance(value, list | tuple) or len(value) > ASSET_LIMIT:
            return "unknown_option"
        ok = all(isinstance(v, str) and PARTNER_ID.match(v) for v in value)
        return None if ok else "unknown_option"
    if kind == "multi":
        if not isinstance(value, list | tuple) or not all(
            isinstance(v, str) for v in value
        ):
            return "unknown_option"
        keys = set(question.option_keys)
        return None if all(v in keys for v in value) else "unknown_option"
    if not isinstance(value, str):
        return "unknown_option"
    if kind in CHOICES:
        return None if value in question.option_keys else "unknown_option"
    if kind == "text":
        return None if len(value) <= question.max_length else "too_long"
    if kind == "date":
        try:
            datetime.date.fromisoformat(value)
        except ValueError:
            return "bad_date"
        return None
    if kind == "country":
        return None if ISO2.match(value) else "bad_country"
    if kind == "partner":
        return None if PARTNER_ID.match(value) else "bad_partner"
    return "unknown_option"
