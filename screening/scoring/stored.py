"""Scoring into the form a screening stores, for a single save and in bulk.

Pure Python (no Django imports). A case is plain data (questionnaire id and
version, answers, facts, stage, the digest of the result stored now) and comes
back in its stored form: the overall level, the result's digest and, only when
that digest differs from the stored one, the result as canonical JSON text.
Re-scoring in bulk compares digests instead of reading every stored result
(about 10 KB of JSON each); a single save uses the same function, so both
store the same result.

Each stored result also carries the digest of what it was scored from (the
inputs: answers, facts, stage, questionnaire version, and the engine: its
source and the definitions), bound to the result's own digest. Re-scoring in
bulk skips a case whose inputs are those of its stored result: scoring them
again could only give the same result. A result written by any other path has
another digest, so it no longer matches and is scored again.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass, fields, is_dataclass
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

import orjson

from countries.facts import AssetFacts, CountryFacts, PartnerFacts
from screening.questionnaire import load
from screening.scoring.canonical import canonical_text
from screening.scoring.engine import score

INCOMPLETE = "incomplete"  # the stored level of a result without an overall level


def canonical(result: Mapping[str, Any]) -> str:
    """A result's JSON text with sorted keys: equal results give equal text,
    whether fresh from `Result.to_json()` or read back from the database
    (PostgreSQL's jsonb reorders keys)."""
    return json.dumps(result, sort_keys=True, separators=(",", ":"))


def digest(result: Mapping[str, Any]) -> str:
    """32 hex characters that change whenever the stored result changes."""
    return _digest(canonical(result))


def _digest(text: str) -> str:
    return hashlib.blake2b(text.encode(), digest_size=16).hexdigest()


ROOT = Path(__file__).resolve().parents[2]
# Everything besides a case's own inputs that a result depends on: the engine's
# code and the definitions it scores under.
ENGINE_FILES = (
    "screening/scoring/*.py",
    "screening/conditions.py",
    "countries/facts.py",
    "countries/levels.py",
    "screening/questionnaire/*.py",
    "screening/questionnaires/*.yaml",
    "fixtures/research_areas.csv",
)


@cache
def engine_fingerprint() -> str:
    """A digest of the engine's source and the definitions: a deploy that
    changes either makes every stored result's inputs differ."""
    found = hashlib.blake2b(digest_size=16)
    for pattern in ENGINE_FILES:
        for path in sorted(ROOT.glob(pattern)):
            found.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    return found.hexdigest()


@dataclass(frozen=True)
class Case:
    questionnaire_id: str
    questionnaire_version: int
    answers: Mapping[str, object]
    country: CountryFacts | None
    partners: tuple[PartnerFacts, ...]
    stage: str = ""
    # The digest of the result stored now: an equal result comes back without
    # its text, so an unchanged result (most of them) is not encoded twice.
    stored_digest: str = ""
    assets: tuple[AssetFacts, ...] = ()  # value-register assets the answers pick
    # The inputs digest stored with that result (`Scored.inputs`).
    stored_inputs: str = ""


@dataclass(frozen=True)
class Scored:
    overall_level: str  # the overall level, or "incomplete"
    digest: str  # digest(result)
    text: str | None  # canonical(result); None when it is the stored one
    inputs: str = ""  # what it was scored from, bound to `digest`

    @property
    def changed(self) -> bool:
        return self.text is not None

    @property
    def result(self) -> dict[str, Any]:
        if self.text is None:
            raise ValueError("an unchanged result is not sent back")
        result: dict[str, Any] = json.loads(self.text)
        return result


def inputs_text(case: Case) -> str:
    """The inputs of a case as text: equal text, equal result."""
    own = _own_text(
        [case.questionnaire_id, case.questionnaire_version, case.answers, case.stage]
    )
    try:
        facts = _facts_text(case.country, case.partners, case.assets)
    except TypeError:  # a fact holding an unhashable value: not cached
        facts = _encoded(
            [_plain(case.country), _plain(case.partners), _plain(case.assets)]
        )
    return f"{engine_fingerprint()}|{own}|{facts}"


def _own_text(own: list[Any]) -> str:
    """The case's own inputs as JSON with sorted keys and no spaces (orjson:
    a fifth of the time `json` took, which was a tenth of re-scoring)."""
    try:
        return orjson.dumps(own, default=str, option=orjson.OPT_SORT_KEYS).decode()
    except TypeError:  # what orjson does not encode (an integer over 64 bits)
        return json.dumps(own, sort_keys=True, separators=(",", ":"), default=str)


def _encoded(value: Any) -> str:
    """json.dumps(value, separators=(",", ":"), default=str)."""
    return json.dumps(value, separators=(",", ":"), default=str)


def _facts_text(
    country: CountryFacts | None,
    partners: tuple[PartnerFacts, ...],
    assets: tuple[AssetFacts, ...] = (),
) -> str:
    """The facts as JSON text, every field's value whatever type of string it
    has (a model's choice or a plain str): `_encoded` of the three lists, put
    together from the text of each country, partner and asset, which is cached
    (re-scoring in bulk passes the same facts for the many screenings of a
    country or a partner)."""
    people = ",".join([_fact_text(p) for p in partners])
    things = ",".join([_fact_text(a) for a in assets])
    return f"[{_fact_text(country)},[{people}],[{things}]]"


def _fact_text(facts: CountryFacts | PartnerFacts | AssetFacts | None) -> str:
    """Looked up by the object first: hashing a country's facts takes longer
    than the rest of this, and a batch passes the same object many times."""
    held = _BY_ID.get(id(facts))
    if held is not None and held[0] is facts:
        return held[1]
    text = _fact_text_of(facts)
    if len(_BY_ID) >= 4096:
        _BY_ID.clear()
    _BY_ID[id(facts)] = (facts, text)  # held, so its id is no other object's
    return text


_BY_ID: dict[int, tuple[object, str]] = {}


@lru_cache(maxsize=8192)
def _fact_text_of(facts: CountryFacts | PartnerFacts | AssetFacts | None) -> str:
    return _encoded(_plain(facts))


def _plain(value: Any) -> Any:
    if isinstance(value, tuple | list):
        return [_plain(v) for v in value]
    if is_dataclass(value):
        return [_plain(getattr(value, f.name)) for f in fields(value)]
    return value


def score_case(case: Case, *, force: bool = False) -> Scored | None:
    """The case scored, or None when its inputs are those its stored result
    was scored from (`stored_inputs`, unless `force`): nothing can differ."""
    inputs = inputs_text(case)
    if (
        not force
        and case.stored_inputs
        and _digest(inputs + case.stored_digest) == case.stored_inputs
    ):
        return None
    q = load(case.questionnaire_id, case.questionnaire_version)
    result = score(
        q,
        case.answers,
        case.country,
        case.partners,
        stage=case.stage,
        assets=case.assets,
    )
    text = canonical_text(result)  # canonical(result.to_json()), from its parts
    found = _digest(text)
    same = found == case.stored_digest
    return Scored(
        result.overall or INCOMPLETE,
        found,
        None if same else text,
        _digest(inputs + found),
    )
