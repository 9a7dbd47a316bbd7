"""A definition's conditions compiled into Python closures, once per definition.

`screening.conditions.evaluate` walks a condition's tree on every call; scoring
one case evaluates a few hundred conditions, and re-scoring in bulk scores
thousands of cases under the same definition. `compiled(q)` turns every
condition of `q` into a closure `test(env) -> bool` once (held with `q`), with
the tree's decisions (which operator, which fact, the wanted values as a set)
taken when compiling. A closure gives exactly the truth value `evaluate` gives
for the same `Env`, in the same order of evaluation (so `derived` values are
worked out, and guarded against rules that refer to themselves, alike); a node
the compiler does not recognise is left to `evaluate`, errors and all.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from countries.levels import LEVELS
from screening.conditions import DERIVED, Env, evaluate, referenced_derived
from screening.questionnaire.model import Condition, Questionnaire, level_index

Test = Callable[[Env], bool]
# A question's required_if, score_if and advise_if (None where it has none).
QuestionTests = tuple[Test | None, Test | None, Test | None]
EMPTY: tuple[object, ...] = (None, "", [], ())  # unanswered (conditions._present)


def _walker(cond: Condition) -> Test:
    return lambda env: evaluate(cond, env)


def _always(env: Env) -> bool:
    return True


def _wanted(values: Any) -> Any:
    """The values to test membership in: a set where that gives the same
    answer as the list (hashable values), else the list itself."""
    if isinstance(values, list | tuple):
        try:
            return frozenset(values)
        except TypeError:
            return values
    return values


class Compiler:
    """Compiles the conditions of one definition. Conditions shared by YAML
    anchors are compiled once (by identity; the definition holds them)."""

    def __init__(self, q: Questionnaire) -> None:
        self.q = q
        self._done: dict[int, tuple[Condition, Test]] = {}
        # S and A: (value, test) per rule, highest first, filled after compiling
        # (a rule may read a derived value, its own included).
        self.rules: dict[str, tuple[tuple[int, Test], ...]] = {}
        for name in DERIVED:
            self.rules[name] = tuple(
                (n, self.test(cond)) for n, cond in getattr(q, name)
            )
        # Whether no S or A rule reads a derived value: then each is the same
        # whatever was worked out first, and an Env's can be reused.
        self.independent = not any(
            referenced_derived(cond) for name in DERIVED for _, cond in getattr(q, name)
        )
        # What is shown, in the order `visible_keys` evaluates it: per section
        # its test (None: always shown), the keys of its questions without a
        # condition, and the keys and tests of those with one.
        self.visibility = tuple(
            (
                self._maybe(section.show_if),
                tuple(x.key for x in section.questions if x.show_if is None),
                tuple(
                    (x.key, self.test(x.show_if))
                    for x in section.questions
                    if x.show_if is not None
                ),
            )
            for section in q.sections
        )
        # Per question key: required_if, score_if and advise_if (None: absent).
        self.question_tests: dict[str, QuestionTests] = {
            x.key: (
                self._maybe(x.required_if),
                self._maybe(x.score_if),
                self._maybe(x.advise_if),
            )
            for x in q.questions
        }
        # The questions that can be required: (question, required, required_if).
        self.required = tuple(
            (x, x.required, self.question_tests[x.key][0])
            for x in q.questions
            if x.required or x.required_if is not None
        )
        # The valid answers of a question answered with one option key (an
        # empty answer is none).
        self.choices = {
            x.key: frozenset(x.option_keys) - {""}
            for x in q.questions
            if x.type in ("ynu", "choice")
        }
        self.country_flags = tuple((r, self.test(r.when)) for r in q.country_flags)
        self.partner_flags = tuple((r, self.test(r.when)) for r in q.partner_flags)
        self.asset_flags = tuple((r, self.test(r.when)) for r in q.asset_flags)
        self.hard_triggers = tuple((t, self.test(t.when)) for t in q.hard_triggers)
        self.route_rules = tuple((r, self.test(r.when)) for r in q.route_rules)
        self.blocking = tuple((b, self.test(b.when)) for b in q.blocking)

    def _maybe(self, cond: Condition | None) -> Test | None:
        return None if cond is None else self.test(cond)

    def test(self, cond: Condition | None) -> Test:
        if cond is None:
            return _always
        held = self._done.get(id(cond))
        if held is not None and held[0] is cond:
            return held[1]
        try:
            test = self._compile(cond)
        except Exception:  # an odd node: `evaluate` raises when it is reached
            test = _walker(cond)
        self._done[id(cond)] = (cond, test)
        return test

    def derived(self, name: str, env: Env) -> int:
        """`env.derived(name)`, by the compiled rules (the same memo)."""
        memo = env._derived
        value = memo.get(name)
        if value is None:
            memo[name] = 0  # guards against a rule that refers to itself
            value = 0
            for n, test in self.rules[name]:
                if test(env):
                    value = n
                    break
            memo[name] = value
        return value

    def _compile(self, cond: Condition) -> Test:
        """The operators in the order `evaluate` tries them."""

        walk = _walker(cond)
        if not hasattr(cond, "get") or not cond:
            return walk
        if "all" in cond:
            return _all([self.test(part) for part in cond["all"]])
        if "any" in cond:
            return _any([self.test(part) for part in cond["any"]])
        if "not" in cond:
            inner = self.test(cond["not"])
            return lambda env: not inner(env)
        if "answered" in cond:
            key = cond["answered"]
            return lambda env: env.answers.get(key) not in EMPTY
        if "q" in cond:
            return self._answer(cond) or walk
        if "fact" in cond:
            return _fact(cond) or walk
        if "derived" in cond:
            return self._derived(cond) or walk
        if "level" in cond:
            return _level(cond) or walk
        if "trigger" in cond:
            return _trigger(cond)
        return walk

    def _answer(self, cond: Condition) -> Test | None:
        key = cond["q"]
        stage = key == "case.stage"  # unanswered: the context's stage
        wanted = cond.get("in", cond.get("has_any"))
        if wanted is not None:
            wanted = _wanted(wanted)
            if not isinstance(wanted, frozenset):
                return None

            def member(env: Env) -> bool:
                value = env.answers.get(key)
                if value is None:
                    if not stage or not env.context.stage:
                        return False
                    value = env.context.stage
                if isinstance(value, str):
                    return value in wanted
                return _any_in(wanted, value)

            return member
        if "tag_in" in cond:
            return self._tagged(cond, key, stage)

        def present(env: Env) -> bool:
            value = env.answers.get(key)
            if value is None and stage:
                value = env.context.stage or None
            return value not in EMPTY

        return present

    def _tagged(self, cond: Condition, key: str, stage: bool) -> Test:
        """A chosen option of the question carries one of the tags."""
        question = self.q.question(key)
        if question is None:
            return _walker(cond)
        tags = set(cond["tag_in"])
        tagged = frozenset(o.key for o in question.options if tags & set(o.tags))
        q = self.q

        def tagged_test(env: Env) -> bool:
            if env.questionnaire is not q:
                return evaluate(cond, env)
            value = env.answers.get(key)
            if value is None:
                if not stage or not env.context.stage:
                    return False
                value = env.context.stage
            return _any_in(tagged, value)

        return tagged_test

    def _derived(self, cond: Condition) -> Test | None:
        name = cond["derived"]
        try:
            gte = int(cond["gte"])
        except (KeyError, TypeError, ValueError):
            return None
        if name not in DERIVED:
            return None
        q, derived = self.q, self.derived

        def derived_test(env: Env) -> bool:
            if env.questionnaire is not q:
                return evaluate(cond, env)
            return derived(name, env) >= gte

        return derived_test


def _any_in(wanted: frozenset[Any], value: object) -> bool:
    """Whether any of `conditions._values(value)` (not None) is wanted."""
    if isinstance(value, list | tuple):
        return not wanted.isdisjoint(map(str, value))
    return str(value) in wanted


def _all(parts: list[Test]) -> Test:
    if len(parts) == 2:  # the common case: a question and a fact
        first, second = parts
        return lambda env: first(env) and second(env)

    def all_test(env: Env) -> bool:
        for part in parts:  # noqa: SIM110 (cheaper than all() over a generator)
            if not part(env):
                return False
        return True

    return all_test


def _any(parts: list[Test]) -> Test:
    def any_test(env: Env) -> bool:
        for part in parts:  # noqa: SIM110
            if part(env):
                return True
        return False

    return any_test


def _fact(cond: Condition) -> Test | None:
    fact = cond["fact"]
    wanted = _wanted(cond.get("in", ()))
    if not isinstance(wanted, frozenset):
        return None
    if fact == "country.tier":
        if "gte" in cond:
            return None  # rare; `evaluate` reads it
        return lambda env: (
            (env.context.country.tier if env.context.country else "T0") in wanted
        )
    if not isinstance(fact, str):
        return None
    if fact.startswith("country."):
        flag = fact.split(".", 1)[1]

        def country_test(env: Env) -> bool:
            country = env.context.country
            return country is not None and country.value(flag) in wanted

        return country_test
    if fact == "partner.kind":
        return lambda env: any(p.kind in wanted for p in env.context.partners)
    if fact == "partner.flag":
        return lambda env: any(
            f.flag in wanted for p in env.context.partners for f in p.flags
        )
    if fact == "asset.sensitivity":
        return lambda env: any(a.sensitivity in wanted for a in env.context.assets)
    return None  # case.stage (any answer value) and unknown facts


def _level(cond: Condition) -> Test | None:
    if cond.get("gte") not in LEVELS:
        return None
    key, gte = cond["level"], LEVELS.index(cond["gte"])

    def level_test(env: Env) -> bool:
        if env.levels is None:
            return False
        level = env.levels.get(key)
        return level is not None and level_index(level) >= gte

    return level_test


def _trigger(cond: Condition) -> Test:
    key = cond["trigger"]
    if key == "any":
        return lambda env: bool(env.triggers)
    return lambda env: key in (env.triggers or frozenset())


_COMPILED: dict[int, tuple[Questionnaire, Compiler]] = {}


def compiled(q: Questionnaire) -> Compiler:
    """The compiler of definition `q`, with every condition compiled so far.
    Held with `q` itself, so its id cannot be another definition's."""
    held = _COMPILED.get(id(q))
    if held is None or held[0] is not q:
        if len(_COMPILED) > 32:  # definitions parsed in tests; a few in production
            _COMPILED.clear()
        held = _COMPILED[id(q)] = (q, Compiler(q))
    return held[1]


def tests(q: Questionnaire, conds: Iterable[Condition | None]) -> tuple[Test, ...]:
    compiler = compiled(q)
    return tuple(compiler.test(cond) for cond in conds)
