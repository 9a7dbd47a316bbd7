"""`score()`: answers and facts in, an explained Result out (see the package doc)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from countries.facts import AssetFacts, CountryFacts, Fact, PartnerFacts
from screening.conditions import Context, Env
from screening.questionnaire import (
    clean_answers_and_visible,
    is_answered,
    required_questions,
)
from screening.questionnaire.compiled import compiled
from screening.questionnaire.model import (
    LANGUAGES,
    LEVELS,
    HardTrigger,
    Named,
    Question,
    Questionnaire,
    Text,
    level_index,
    tr,
)
from screening.scoring.answers import Counting, Effects, counted
from screening.scoring.canonical import hold_text, once, shared
from screening.scoring.lines import (
    WORDS,
    asset_lines,
    cap_lines,
    fact_lines,
    floor_line,
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
    for entry, chosen in counted(q, clean):
        work.answer(entry, chosen, env)
    if country is not None:
        work.country(country, env)
    for partner in partners:
        work.partner(partner, env)
    for asset in picked:
        work.asset(asset, env)
    derived = work.tests.derived
    sensitivity, actor = derived("sensitivity", env), derived("actor", env)
    work.matrix(sensitivity, actor)
    fired = work.triggers(env)
    dimensions = work.dimensions()
    levels = {d.key: d.level for d in dimensions}
    overall, escalated = _overall(q, levels, work.overall_floor, work.matrix_only())
    phase2 = Env(q, clean, context, {**levels, "overall": overall}, frozenset(fired))
    work.route_rules(phase2)
    blocking = work.blocking(clean, phase2)
    required = required_questions(q, clean, context, visible=visible, env=env)
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
        routes=work.items("routes", work.routes),
        gaps=tuple(work.gaps),
        blocking=tuple(blocking),
        mitigations=work.items("mitigations", work.mitigations),
    )


def _by_key(
    q: Questionnaire, kind: str
) -> tuple[Mapping[str, Text], Mapping[str, int]]:
    """q.routes_by_key() or q.mitigations_by_key(), and each key's place."""

    def build() -> tuple[Mapping[str, Text], Mapping[str, int]]:
        known = q.routes_by_key() if kind == "routes" else q.mitigations_by_key()
        return known, {key: i for i, key in enumerate(known)}

    return once(q, ("by_key", kind), build)


def _picked(
    q: Questionnaire, clean: Mapping[str, object], assets: Sequence[AssetFacts]
) -> tuple[AssetFacts, ...]:
    """The assets picked in a visible answer, in register order, once each."""
    ids: set[str] = set()
    for question in q.asset_questions:
        value = clean.get(question.key)
        if isinstance(value, list):
            ids.update(value)
    if not ids:
        return ()
    seen: set[int] = set()
    out = []
    for asset in assets:
        if str(asset.asset_id) in ids and asset.asset_id not in seen:
            seen.add(asset.asset_id)
            out.append(asset)
    return tuple(out)


def _overall(
    q: Questionnaire, levels: Mapping[str, str], floor: str, matrix_only: set[str]
) -> tuple[str, bool]:
    ranks = [level_index(v) for v in levels.values()]
    top = max(ranks, default=0)
    high = sum(1 for rank in ranks if rank >= HIGH)
    if q.matrix_escalates_once and len(matrix_only) > 1:
        high -= len(matrix_only) - 1  # one finding, counted once
    escalated = high >= q.escalation
    if escalated:
        top = min(top + 1, len(LEVELS) - 1)
    return LEVELS[max(top, level_index(floor))], escalated


HIGH = level_index("high")


class _Work:
    """Accumulates ledger lines, floors, routes and mitigations for one score."""

    def __init__(self, q: Questionnaire) -> None:
        self.q = q
        self.tests = compiled(q)
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

    def answer(self, entry: Counting, chosen: tuple[Effects, ...], env: Env) -> None:
        lines: list[Contribution] = []
        scores = advises = None  # each evaluated once, when first needed
        for effects in chosen:
            if effects.gap is not None:
                self.gaps.append(effects.gap)
            if scores is None:
                scores = entry.score_if is None or entry.score_if(env)
            if not scores:
                continue
            if advises is None:
                advises = entry.advise_if is not None and entry.advise_if(env)
            if advises:
                self.recommend((), effects.mitigations, effects.why)
                continue
            if effects.routes or effects.mitigations:
                self.recommend(effects.routes, effects.mitigations, effects.why)
            lines += effects.lines
        cap = entry.question.cap
        if cap is not None:
            lines = cap_lines(self.q, lines, cap)
        self.ledger += lines

    def country(self, country: CountryFacts, env: Env) -> None:
        lines: list[Contribution] = []
        facts: dict[str, Fact] = {}
        for fact in country.facts:  # the first of a flag, as CountryFacts.get
            facts.setdefault(fact.flag, fact)
        for rule, when in self.tests.country_flags:
            found = facts.get(rule.flag)
            if found is None or found.value != rule.value or not when(env):
                continue
            lines += fact_lines(self.q, "country", rule, found, country.name, "")
        self.ledger += cap_lines(self.q, lines, self.q.caps.get("country"))

    def partner(self, partner: PartnerFacts, env: Env) -> None:
        lines: list[Contribution] = []
        name = partner.name
        for rule, when in self.tests.partner_flags:
            if not when(env):
                continue
            if rule.flag == "kind":
                if partner.kind == rule.value:
                    fact = Fact("kind", partner.kind, "partner register")
                    lines += fact_lines(self.q, "partner", rule, fact, name, name)
                continue
            for fact in partner.having(rule.flag):
                if fact.value == rule.value:
                    lines += fact_lines(self.q, "partner", rule, fact, name, name)
        self.ledger += cap_lines(self.q, lines, self.q.caps.get("partner"))

    def asset(self, asset: AssetFacts, env: Env) -> None:
        for rule, when in self.tests.asset_flags:
            if rule.flag != "sensitivity" or rule.value != asset.sensitivity:
                continue
            if when(env):
                self.ledger += asset_lines(self.q, rule, asset)

    def floor(self, dim: str, level: str, key: str, text: Text, source: str) -> None:
        current = self.floor_by_dim.get(dim, "low")
        if level_index(level) > level_index(current):
            self.floor_by_dim[dim] = level
        other = self.other_floor_by_dim.get(dim, "low")
        if source != "matrix" and level_index(level) > level_index(other):
            self.other_floor_by_dim[dim] = level
        item, line = floor_line(self.q, dim, level, key, text, source)
        self.floors.append(item)
        self.ledger.append(line)

    def matrix(self, s: int, a: int) -> None:
        level = self.q.matrix[s][a]
        if level == "low":
            return
        text = shared(
            self.q,
            ("matrix", s, a),
            lambda: {
                lang: WORDS[lang]["matrix"].format(s=s, a=a) for lang in LANGUAGES
            },
        )
        for dim in self.q.matrix_dimensions:
            if s >= self.q.matrix_min_sensitivity.get(dim, 0):
                self.floor(dim, level, f"MATRIX-S{s}A{a}", text, "matrix")

    def triggers(self, env: Env) -> list[str]:
        fired = []
        for t, when in self.tests.hard_triggers:
            if not when(env):
                continue
            fired.append(t.key)
            item, text = _trigger(self.q, t)
            self.fired.append(item)
            for dim, level in t.floors.items():
                self.floor(dim, level, t.key, text, "trigger")
            if t.overall_floor and level_index(t.overall_floor) > level_index(
                self.overall_floor
            ):
                self.overall_floor = t.overall_floor
            self.recommend(t.routes, t.mitigations, t.key)
        return fired

    def dimensions(self) -> tuple[DimensionResult, ...]:
        totals: dict[str, int] = {}
        for line in self.ledger:
            totals[line.dimension] = totals.get(line.dimension, 0) + line.points
        # (band, result) by what decides them: the dimension, points and floor
        known: dict[tuple[int, int, str | None], tuple[str, DimensionResult]]
        known = once(self.q, ("dimensions",), dict)
        out = []
        for dim in self.q.dimensions:
            points = totals.get(dim.key, 0)
            floor = self.floor_by_dim.get(dim.key)
            decided = (id(dim), points, floor)
            found = known.get(decided)
            if found is None:
                found = known[decided] = self._dimension(dim, points, floor)
            self.bands[dim.key] = found[0]
            out.append(found[1])
        return tuple(out)

    def _dimension(
        self, dim: Named, points: int, floor: str | None
    ) -> tuple[str, DimensionResult]:
        band = self.q.band(points)
        level = max(band, floor or "low", key=level_index)
        result = shared(
            self.q,
            ("dimension", id(dim), points, band, floor, level),
            lambda: DimensionResult(dim.key, points, band, floor, level, dim.name),
        )
        return band, result

    def matrix_only(self) -> set[str]:
        """The dimensions at High or above only because of the matrix floor."""
        return {
            dim
            for dim, level in self.floor_by_dim.items()
            if level_index(level) >= HIGH
            and level_index(self.bands.get(dim, "low")) < HIGH
            and level_index(self.other_floor_by_dim.get(dim, "low")) < HIGH
        }

    def route_rules(self, env: Env) -> None:
        for rule, when in self.tests.route_rules:
            if when(env):
                self.recommend((rule.route,), (), rule.rule or rule.route)

    def blocking(self, clean: Mapping[str, object], env: Env) -> list[Item]:
        out = []
        for b, when in self.tests.blocking:
            value = clean.get(b.question)
            if value in b.values and when(env):
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
                item = self._unanswered(question)
                self.gaps.append(item)
                out.append(item)
        return out

    def _unanswered(self, question: Question) -> Item:
        detail = {"question": question.key, "reason": "unanswered"}
        return shared(
            self.q,
            ("unanswered", id(question)),
            lambda: Item(question.key, question.text, detail),
        )

    def items(self, kind: str, found: Mapping[str, list[str]]) -> tuple[Item, ...]:
        """The routes or mitigations found, in definition order, each with
        why (the same item for every case with the same reasons)."""
        known, place = _by_key(self.q, kind)
        made: dict[tuple[str, ...], Item] = once(self.q, ("items", kind), dict)
        out = []
        for key in sorted((k for k in found if k in place), key=place.__getitem__):
            why = (key, *found[key])
            item = made.get(why)
            if item is None:
                item = made[why] = self._item(kind, key, known[key], found[key])
            out.append(item)
        return tuple(out)

    def _item(self, kind: str, key: str, text: Text, why: list[str]) -> Item:
        because = tuple(why)
        return shared(
            self.q,
            (kind, key, because),
            lambda: Item(key, hold_text(self.q, text), {"because": sorted(set(why))}),
        )


def _trigger(q: Questionnaire, t: HardTrigger) -> tuple[Item, Text]:
    """A fired trigger's item, and the words of its floors."""
    return shared(
        q,
        ("trigger", id(t)),
        lambda: (
            Item(t.key, t.name, {"routes": list(t.routes), "ref": t.ref}),
            {lang: f"{t.key} {tr(t.name, lang)}" for lang in LANGUAGES},
        ),
    )
