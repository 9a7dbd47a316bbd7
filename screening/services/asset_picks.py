"""Which screenings pick which value-register assets.

The register sits below screening and never reads screenings; the picks are in
the screenings' answers (`assets` questions). Used to re-score the screenings
of an edited asset and for the institution summary's register page.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from screening import questionnaire as qn
from screening.models import Screening
from screening.models.screenings import picked_ids


def touching(screenings: Any) -> dict[int, list[Screening]]:
    """{asset id: the screenings whose answers pick it}, newest first."""
    keys = _asset_question_keys()
    by_asset: dict[int, list[Screening]] = defaultdict(list)
    for key in keys:
        rows = screenings.filter(answers__has_key=key).order_by("-created_at", "-pk")
        for screening in rows.only("pk", "title", "overall_level", "status", "answers"):
            for asset_id in set(picked_ids(screening.answers.get(key))):
                if screening not in by_asset[asset_id]:
                    by_asset[asset_id].append(screening)
    return by_asset


def _asset_question_keys() -> list[str]:
    """Keys of the `assets` questions in every published definition."""
    keys: set[str] = set()
    for path in qn.definition_files():
        questionnaire_id, _, version = path.stem.rpartition("-v")
        q = qn.load(questionnaire_id, int(version))
        keys |= {question.key for question in q.questions if question.type == "assets"}
    return sorted(keys)
