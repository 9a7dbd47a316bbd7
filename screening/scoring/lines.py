"""How a ledger line reads: the few words that are not questionnaire text, the
lines of answers, facts, assets and floors (each built once per definition and
shared by the results, see canonical.shared) and the cap that cuts lines."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from countries.facts import AssetFacts, Fact
from screening.questionnaire.model import (
    LANGUAGES,
    FlagRule,
    Option,
    Question,
    Questionnaire,
    Text,
    tr,
)
from screening.scoring.canonical import is_shared, shared
from screening.scoring.result import Contribution, Item

ARROW = "\u2192"
# The few words of a ledger line that are not questionnaire text, per language.
WORDS: dict[str, dict[str, str]] = {
    "nb": {
        "answer": "svar",
        "unknown": " (vet ikke: halv vekt)",
        "at_least": "minst",
        "cap": "tak",
        "of": "av",
        "matrix": "Forskningens sensitivitet S={s} og aktørrisiko A={a} (matrisen)",
        "asset": "verdiregisteret",
    },
    "nn": {
        "answer": "svar",
        "unknown": " (veit ikkje: halv vekt)",
        "at_least": "minst",
        "cap": "tak",
        "of": "av",
        "matrix": "Sensitiviteten til forskinga S={s} og aktørrisiko A={a} (matrisa)",
        "asset": "verdiregisteret",
    },
    "en": {
        "answer": "answer",
        "unknown": " (don't know: half weight)",
        "at_least": "at least",
        "cap": "cap",
        "of": "of",
        "matrix": "Research sensitivity S={s} and actor risk A={a} (the matrix)",
        "asset": "value register",
    },
}


def half(option: Option, lang: str) -> str:
    return WORDS[lang]["unknown"] if option.halved else ""


def pts(points: int, dim: str) -> str:
    return f"{ARROW} +{points} {dim}"


def answer_line(
    q: Questionnaire, question: Question, option: Option, dim: str, points: int
) -> Contribution:
    """The line is the same for every case that chose the option, so it is
    built once per definition (a frozen value, shared by the results)."""
    return shared(
        q,
        ("answer", id(question), id(option), dim, points),
        lambda: new_answer_line(question, option, dim, points),
    )


def new_answer_line(
    question: Question, option: Option, dim: str, points: int
) -> Contribution:
    # "half weight" only where it applies: many gap options score in full.
    explanation = {
        lang: f"{tr(question.text, lang)} ({WORDS[lang]['answer']}: "
        f"{tr(option.label, lang)}){half(option, lang)} {pts(points, dim)}"
        for lang in LANGUAGES
    }
    return Contribution(
        dimension=dim,
        source="answer",
        key=question.key,
        value=option.key,
        points=points,
        rule=option.rule,
        ref=question.ref,
        explanation=explanation,
        gap=option.gap,
    )


def cap_lines(
    q: Questionnaire, lines: list[Contribution], cap: int | None
) -> list[Contribution]:
    """Cut lines so each dimension's sum stays within `cap`, keeping raw points."""
    if cap is None:
        return lines
    used: dict[str, int] = {}
    out = []
    for line in lines:
        room = cap - used.get(line.dimension, 0)
        points = max(0, min(line.points, room))
        used[line.dimension] = used.get(line.dimension, 0) + points
        if points == line.points:
            out.append(line)
        elif is_shared(line):  # the cut line of a shared line is shared too
            out.append(_shared_cut(q, line, cap, points))
        else:
            out.append(cut(line, cap, points))
    return out


def _shared_cut(
    q: Questionnaire, line: Contribution, cap: int, points: int
) -> Contribution:
    key = ("cut", id(line), cap, points)  # the line is held with its cut line
    return shared(q, key, lambda: (line, cut(line, cap, points)))[1]


def cut(line: Contribution, cap: int, points: int) -> Contribution:
    explanation = {
        lang: f"{text} ({WORDS[lang]['cap']} {cap}: {points} "
        f"{WORDS[lang]['of']} {line.points})"
        for lang, text in line.explanation.items()
    }
    return Contribution(
        **{
            **line.__dict__,
            "points": points,
            "raw_points": line.points,
            "explanation": explanation,
        }
    )


def fact_lines(
    q: Questionnaire,
    source: str,
    rule: FlagRule,
    fact: Fact,
    subject: str,
    partner: str,
) -> tuple[Contribution, ...]:
    """The lines of a country's or a partner's fact under a flag rule, built
    once per definition (every case of that country or partner has them)."""
    return shared(
        q,
        ("fact", source, id(rule), fact, subject, partner),
        lambda: new_fact_lines(source, rule, fact, subject, partner),
    )


def new_fact_lines(
    source: str, rule: FlagRule, fact: Fact, subject: str, partner: str
) -> tuple[Contribution, ...]:
    edition = fact.edition or fact.checked  # an ISO date reads in every language
    cited = ", ".join(x for x in (fact.source, edition) if x)
    detail = f": {fact.detail}" if fact.detail else ""
    return _rule_lines(
        rule,
        lambda lang: f"{subject}: {tr(rule.label, lang)}{detail} ({cited})",
        source=source,
        value=fact.value,
        fact_source=fact.source,
        fact_edition=edition,
        fact_licence=fact.licence,
        fact_detail=fact.detail,
        partner=partner,
    )


def asset_lines(
    q: Questionnaire, rule: FlagRule, asset: AssetFacts
) -> tuple[Contribution, ...]:
    """One line per dimension the asset's sensitivity scores, naming it:
    "Cryo-EM lab (Faculty of Medicine): ... sensitivity high (value register)"."""
    return shared(q, ("asset", id(rule), asset), lambda: new_asset_lines(rule, asset))


def new_asset_lines(rule: FlagRule, asset: AssetFacts) -> tuple[Contribution, ...]:
    owner = f" ({asset.unit})" if asset.unit else ""
    return _rule_lines(
        rule,
        lambda lang: (
            f"{asset.name}{owner}: {tr(rule.label, lang)} ({WORDS[lang]['asset']})"
        ),
        source="asset",
        value=asset.sensitivity,
        fact_detail=asset.unit,
        asset=asset.name,
    )


def _rule_lines(
    rule: FlagRule, reads: Callable[[str], str], **fields: Any
) -> tuple[Contribution, ...]:
    """A line per dimension the flag rule gives points, explained in each
    language as `reads(language)` followed by the points."""
    return tuple(
        Contribution(
            dimension=dim,
            key=rule.flag,
            points=points,
            rule=rule.rule,
            ref=rule.ref,
            explanation={
                lang: f"{reads(lang)} {pts(points, dim)}" for lang in LANGUAGES
            },
            **fields,
        )
        for dim, points in rule.points.items()
        if points
    )


def floor_line(
    q: Questionnaire, dim: str, level: str, key: str, text: Text, source: str
) -> tuple[Item, Contribution]:
    """A floor's item and ledger line (`text` is a shared value: a trigger's
    or the matrix's words)."""
    return shared(
        q,
        ("floor", dim, level, key, source, id(text)),
        lambda: (
            Item(key, text, {"dimension": dim, "level": level}),
            Contribution(
                dimension=dim,
                source=source,
                key=key,
                value=level,
                points=0,
                rule=key,
                explanation={
                    lang: f"{tr(text, lang)} {ARROW} {WORDS[lang]['at_least']} "
                    f"{q.level_name(level, lang)} {dim}"
                    for lang in LANGUAGES
                },
            ),
        ),
    )
