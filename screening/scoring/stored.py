"""Scoring into the form a screening stores, for a single save and in bulk.

Pure Python (no Django imports). A case is plain data (questionnaire id and
version, answers, facts, stage, the digest of the result stored now) and comes
back in its stored form: the overall level, the result's digest and, only when
that digest differs from the stored one, the result as canonical JSON text.
Re-scoring in bulk compares digests instead of reading every stored result
(about 10 KB of JSON each); a single save uses the same function, so both
store the same result.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from screening.facts import CountryFacts, PartnerFacts
from screening.questionnaire import load
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


@dataclass(frozen=True)
class Scored:
    overall_level: str  # the overall level, or "incomplete"
    digest: str  # digest(result)
    text: str | None  # canonical(result); None when it is the stored one

    @property
    def changed(self) -> bool:
        return self.text is not None

    @property
    def result(self) -> dict[str, Any]:
        if self.text is None:
            raise ValueError("an unchanged result is not sent back")
        result: dict[str, Any] = json.loads(self.text)
        return result


def score_case(case: Case) -> Scored:
    q = load(case.questionnaire_id, case.questionnaire_version)
    result = score(q, case.answers, case.country, case.partners, stage=case.stage)
    text = canonical(result.to_json())
    found = _digest(text)
    same = found == case.stored_digest
    return Scored(result.overall or INCOMPLETE, found, None if same else text)
