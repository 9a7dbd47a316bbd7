"""How a ledger line reads: the few words that are not questionnaire text, the
answer lines (built once per definition) and the cap that cuts lines."""

from __future__ import annotations

from screening.questionnaire.model import LANGUAGES, Option, Question, Questionnaire, tr
from screening.scoring.result import Contribution

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


# (question key, option key, dimension, points) -> the line
_LineKey = tuple[str, str, str, int]
_LINES: dict[int, tuple[Questionnaire, dict[_LineKey, Contribution]]] = {}


def answer_lines(q: Questionnaire) -> dict[_LineKey, Contribution]:
    """The answer lines built so far under definition `q`. Held with `q`
    itself, so its id cannot be another definition's while it is here."""
    held = _LINES.get(id(q))
    if held is None or held[0] is not q:
        if len(_LINES) > 32:  # definitions parsed in tests; a few in production
            _LINES.clear()
        held = _LINES[id(q)] = (q, {})
    return held[1]


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


def cap_lines(lines: list[Contribution], cap: int | None) -> list[Contribution]:
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
            continue
        explanation = {
            lang: f"{text} ({WORDS[lang]['cap']} {cap}: {points} "
            f"{WORDS[lang]['of']} {line.points})"
            for lang, text in line.explanation.items()
        }
        out.append(
            Contribution(
                **{
                    **line.__dict__,
                    "points": points,
                    "raw_points": line.points,
                    "explanation": explanation,
                }
            )
        )
    return out
