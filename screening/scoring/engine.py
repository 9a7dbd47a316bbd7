"""`score()`: answers and facts in, an explained Result out (see the package doc)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from countries.facts import AssetFacts, CountryFacts, Fact, PartnerFacts
from screening.conditions import Context, Env, evaluate
from screening.questionnaire import (
    clean_answers_and_visible,
    is_answered,
    required_questions,
)
from screening.questionnaire.model import (
    LANGUAGES,
    LEVELS,
    FlagRule,
    Option,
    Question,
    Questionnaire,
    Text,
    level_index,
    tr,
)
from screening.scoring.lines import (
    ARROW,
    WORDS,
    answer_lines,
    cap_lines,
    new_answer_line,
    pts,
)
from screening.scoring.result import Contribution, DimensionResult, Item, Result


def score(
    q: Questionnaire,
    answers: Mapping[str, object],
    country: CountryFacts | None,
    partners: Sequence[PartnerFacts],
    *,
    stage: str = "",
    assets: Sequence[AssetFacts] = (),
) -> Result:
    """Score `answers` under definition `q` with the case's country and partners.

    Never raises on odd answers: unknown keys, hidden questions and invalid
    values are dropped first (`clean_answers`), so they cannot contribute.
    `assets` are the register assets the answers name; only those picked in a
    visible `assets` answer count.
    """
    context = Context(country, tuple(partners), stage)
    clean, visible = clean_answers_and_visible(q, answers, context)
    picked = _picked(q, clean, assets)
    if picked:
        context = Context(country, tuple(partners), stage, picked)
    env = Env(q, clean, context)
    work = _Work(q)
    for question in q.questions:
        value = clean.get(question.key) if question.scored else None
        if value is not None and _counts(question, value):
            work.answer(question, value, env)
    if country is not None:
        work.country(country, env)
    for partner in partners:
        work.partner(partner, env)
    for asset in picked:
        work.asset(asset, env)
    sensitivity, actor = env.derived("sensitivity"), env.derived("actor")
    work.matrix(sensitivity, actor)
    fired = work.triggers(env)
    dimensions = work.dimensions()
    levels = {d.key: d.level for d in dimensions}
    overall, escalated = _overall(q, levels, work.overall_floor, work.matrix_only())
    phase2 = Env(q, clean, context, {**levels, "overall": overall}, frozenset(fired))
    work.route_rules(phase2)
    blocking = work.blocking(clean, phase2)
    required = required_questions(q, clean, context, visible=visible)
    blocking += work.unanswered(required, clean)
    status = "incomplete" if blocking else "complete"
    return Result(
        questionnaire_id=q.id,
        questionnaire_version=q.version,
        status=status,
        overall=overall if status == "complete" else None,
        overall_computed=overall,
        escalated=escalated,
        sensitivity=sensitivity,
        actor=actor,
        dimensions=dimensions,
        ledger=tuple(work.ledger),
        floors=tuple(work.floors),
        hard_triggers=tuple(work.fired),
        routes=work.items(work.routes, q.routes_by_key()),
        gaps=tuple(work.gaps),
        blocking=tuple(blocking),
        mitigations=work.items(work.mitigations, q.mitigations_by_key()),
    )


def _picked(
    q: Questionnaire, clean: Mapping[str, object], assets: Sequence[AssetFacts]
) -> tuple[AssetFacts, ...]:
    """The assets picked in a visible answer, in register order, once each."""
    ids: set[str] = set()
    for question in q.questions:
        value = clean.get(question.key)
        if question.type == "assets" and isinstance(value, list):
            ids.update(value)
    seen: set[int] = set()
    out = []
    for asset in assets:
        if str(asset.asset_id) in ids and asset.asset_id not in seen:
            seen.add(asset.asset_id)
            out.append(asset)
    return tuple(out)


def _counts(question: Question, value: object) -> bool:
    """Whether the answer chose an option that adds anything (most choose none)."""
    if isinstance(value, list):
        return any(key in question.counting_keys for key in value)
    return value in question.counting_keys


def _overall(
    q: Questionnaire, levels: Mapping[str, str], floor: str, matrix_only: set[str]
) -> tuple[str, bool]:
    top = max((level_index(v) for v in levels.values()), default=0)
    high = sum(1 for v in levels.values() if level_index(v) >= level_index("high"))
    if q.matrix_escalates_once and len(matrix_only) > 1:
        high -= len(matrix_only) - 1  # one finding, counted once
    escalated = high >= q.escalation
    if escalated:
        top = min(top + 1, len(LEVELS) - 1)
    return LEVELS[max(top, level_index(floor))], escalated


class _Work:
    """Accumulates ledger lines, floors, routes and mitigations for one score."""

    def __init__(self, q: Questionnaire) -> None:
        self.q = q
        self.ledger: list[Contribution] = []
        self.floors: list[Item] = []
        self.fired: list[Item] = []
        self.gaps: list[Item] = []
        self.floor_by_dim: dict[str, str] = {}
        self.other_floor_by_dim: dict[str, str] = {}  # floors not from the matrix
        self.bands: dict[str, str] = {}
        self.overall_floor = "low"
        self.routes: dict[str, list[str]] = {}
        self.mitigations: dict[str, list[str]] = {}

    def recommend(
        self, routes: Sequence[str], mitigations: Sequence[str], why: str
    ) -> None:
        for key in routes:
            self.routes.setdefault(key, []).append(why)
        for key in mitigations:
            self.mitigations.setdefault(key, []).append(why)

    def answer(self, question: Question, value: object, env: Env) -> None:
        chosen = value if isinstance(value, list) else [value]
        options = [o for o in question.counting_options if o.key in chosen]
        lines: list[Contribution] = []
        for option in options:
            if option.gap:
                reason = {"reason": "unknown", "value": option.key}
                self.gaps.append(Item(question.key, question.text, reason))
            if not evaluate(question.score_if, env):
                continue
            why = f"{question.key}={option.key}"
            if question.advise_if is not None and evaluate(question.advise_if, env):
                self.recommend((), option.mitigations, why)
                continue
            self.recommend(option.routes, option.mitigations, why)
            for dim, points in option.points.items():
                if points:
                    lines.append(self._answer_line(question, option, dim, points))
        if question.cap is not None:
            lines = cap_lines(lines, question.cap)
        self.ledger += lines

    def _answer_line(
        self, question: Question, option: Option, dim: str, points: int
    ) -> Contribution:
        """The line is the same for every case that chose the option, so it is
        built once per definition (a frozen value, shared by the results)."""
        lines = answer_lines(self.q)
        key = (question.key, option.key, dim, points)
        line = lines.get(key)
        if line is None:
            line = lines[key] = new_answer_line(question, option, dim, points)
        return line

    def country(self, country: CountryFacts, env: Env) -> None:
        lines: list[Contribution] = []
        for rule in self.q.country_flags:
            fact = country.get(rule.flag)
            if fact is None or fact.value != rule.value or not evaluate(rule.when, env):
                continue
            lines += self._fact_lines("country", rule, fact, country.name, "")
        self.ledger += cap_lines(lines, self.q.caps.get("country"))

    def partner(self, partner: PartnerFacts, env: Env) -> None:
        lines: list[Contribution] = []
        for rule in self.q.partner_flags:
            if not evaluate(rule.when, env):
                continue
            if rule.flag == "kind":
                if partner.kind == rule.value:
                    fact = Fact("kind", partner.kind, "partner register")
                    lines += self._fact_lines(
                        "partner", rule, fact, partner.name, partner.name
                    )
                continue
            for fact in partner.having(rule.flag):
                if fact.value == rule.value:
                    lines += self._fact_lines(
                        "partner", rule, fact, partner.name, partner.name
                    )
        self.ledger += cap_lines(lines, self.q.caps.get("partner"))

    def asset(self, asset: AssetFacts, env: Env) -> None:
        """One line per dimension the asset's sensitivity scores, naming it:
        "Cryo-EM lab (Faculty of Medicine): ... sensitivity high (value register)"."""
        owner = f" ({asset.unit})" if asset.unit else ""
        for rule in self.q.asset_flags:
            if rule.flag != "sensitivity" or rule.value != asset.sensitivity:
                continue
            if not evaluate(rule.when, env):
                continue
            self.recommend((), (), f"asset.{rule.flag}={rule.value}")
            self.ledger += [
                Contribution(
                    dimension=dim,
                    source="asset",
                    key=rule.flag,
                    value=asset.sensitivity,
                    points=points,
                    rule=rule.rule,
                    ref=rule.ref,
                    explanation={
                        lang: f"{asset.name}{owner}: {tr(rule.label, lang)} "
                        f"({WORDS[lang]['asset']}) {pts(points, dim)}"
                        for lang in LANGUAGES
                    },
                    fact_detail=asset.unit,
                    asset=asset.name,
                )
                for dim, points in rule.points.items()
                if points
            ]

    def _fact_lines(
        self, source: str, rule: FlagRule, fact: Fact, subject: str, partner: str
    ) -> list[Contribution]:
        edition = fact.edition or fact.checked  # an ISO date reads in every language
        cited = ", ".join(x for x in (fact.source, edition) if x)
        detail = f": {fact.detail}" if fact.detail else ""
        self.recommend((), (), f"{source}.{rule.flag}={rule.value}")
        return [
            Contribution(
                dimension=dim,
                source=source,
                key=rule.flag,
                value=fact.value,
                points=points,
                rule=rule.rule,
                ref=rule.ref,
                explanation={
                    lang: f"{subject}: {tr(rule.label, lang)}{detail} ({cited}) "
                    f"{pts(points, dim)}"
                    for lang in LANGUAGES
                },
                fact_source=fact.source,
                fact_edition=edition,
                fact_licence=fact.licence,
                fact_detail=fact.detail,
                partner=partner,
            )
            for dim, points in rule.points.items()
            if points
        ]

    def floor(self, dim: str, level: str, key: str, text: Text, source: str) -> None:
        current = self.floor_by_dim.get(dim, "low")
        if level_index(level) > level_index(current):
            self.floor_by_dim[dim] = level
        other = self.other_floor_by_dim.get(dim, "low")
        if source != "matrix" and level_index(level) > level_index(other):
            self.other_floor_by_dim[dim] = level
        self.floors.append(Item(key, text, {"dimension": dim, "level": level}))
        self.ledger.append(
            Contribution(
                dimension=dim,
                source=source,
                key=key,
                value=level,
                points=0,
                rule=key,
                explanation={
                    lang: f"{tr(text, lang)} {ARROW} {WORDS[lang]['at_least']} "
                    f"{self.q.level_name(level, lang)} {dim}"
                    for lang in LANGUAGES
                },
            )
        )

    def matrix(self, s: int, a: int) -> None:
        level = self.q.matrix[s][a]
        if level == "low":
            return
        text = {lang: WORDS[lang]["matrix"].format(s=s, a=a) for lang in LANGUAGES}
        for dim in self.q.matrix_dimensions:
            if s >= self.q.matrix_min_sensitivity.get(dim, 0):
                self.floor(dim, level, f"MATRIX-S{s}A{a}", text, "matrix")

    def triggers(self, env: Env) -> list[str]:
        fired = []
        for t in self.q.hard_triggers:
            if not evaluate(t.when, env):
                continue
            fired.append(t.key)
            self.fired.append(
                Item(t.key, t.name, {"routes": list(t.routes), "ref": t.ref})
            )
            text = {lang: f"{t.key} {tr(t.name, lang)}" for lang in LANGUAGES}
            for dim, level in t.floors.items():
                self.floor(dim, level, t.key, text, "trigger")
            if t.overall_floor and level_index(t.overall_floor) > level_index(
                self.overall_floor
            ):
                self.overall_floor = t.overall_floor
            self.recommend(t.routes, t.mitigations, t.key)
        return fired

    def dimensions(self) -> tuple[DimensionResult, ...]:
        out = []
        for dim in self.q.dimensions:
            points = sum(c.points for c in self.ledger if c.dimension == dim.key)
            band = self.q.band(points)
            self.bands[dim.key] = band
            floor = self.floor_by_dim.get(dim.key)
            level = max(band, floor or "low", key=level_index)
            out.append(DimensionResult(dim.key, points, band, floor, level, dim.name))
        return tuple(out)

    def matrix_only(self) -> set[str]:
        """The dimensions at High or above only because of the matrix floor."""
        high = level_index("high")
        return {
            dim
            for dim, level in self.floor_by_dim.items()
            if level_index(level) >= high
            and level_index(self.bands.get(dim, "low")) < high
            and level_index(self.other_floor_by_dim.get(dim, "low")) < high
        }

    def route_rules(self, env: Env) -> None:
        for rule in self.q.route_rules:
            if evaluate(rule.when, env):
                self.recommend((rule.route,), (), rule.rule or rule.route)

    def blocking(self, clean: Mapping[str, object], env: Env) -> list[Item]:
        out = []
        for b in self.q.blocking:
            value = clean.get(b.question)
            if value in b.values and evaluate(b.when, env):
                detail = {"question": b.question, "reason": "unknown", "value": value}
                out.append(Item(b.key, b.name, detail))
                self.recommend(b.routes, (), b.key)
        return out

    def unanswered(
        self, required: Sequence[Question], clean: Mapping[str, object]
    ) -> list[Item]:
        out = []
        for question in required:
            if not is_answered(clean.get(question.key)):
                detail = {"question": question.key, "reason": "unanswered"}
                self.gaps.append(Item(question.key, question.text, detail))
                out.append(Item(question.key, question.text, detail))
        return out

    def items(
        self, found: Mapping[str, list[str]], known: Mapping[str, Text]
    ) -> tuple[Item, ...]:
        return tuple(
            Item(key, known[key], {"because": sorted(set(found[key]))})
            for key in known
            if key in found
        )
