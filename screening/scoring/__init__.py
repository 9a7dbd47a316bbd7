"""The explainable risk engine: a pure function of (definition, answers, facts).

Pure Python (no Django imports). `score(q, answers, country, partners)` cleans
the answers (hidden questions never count), then:

1. item contributions: each chosen option's points per dimension (for "don't
   know" half the weight, rounded up, and an information gap); a question's
   `cap` limits a multi answer (research.area <= 3 per dimension);
2. country flags (cap per dimension) and partner flags / partner kind (cap per
   partner per dimension) as contributions citing the Fact's source and edition;
   each value-register asset picked in a visible `assets` answer as a line that
   names the asset and its owning unit (`asset_flags`, by its sensitivity);
3. the sensitivity x actor matrix as a floor for SEC and EXP;
4. hard triggers HT-01..HT-11 as floors with mandatory routes;
5. level per dimension = max(band(points), floors); overall = highest dimension,
   one step up when two or more dimensions are High or above (cap Very high);
6. blocking unknowns (HT-U) and unanswered required questions make the status
   "incomplete": no overall level is issued (`overall_computed` keeps it for a
   provisional display);
7. routes (from answers, triggers and level rules) and recommended mitigations.

Every point of a dimension's `points` is a ledger line of that dimension (caps
cut the lines themselves and keep `raw_points`), so the explanation always adds
up. Floors and triggers appear in the ledger with 0 points.

Stored JSON (`Result.to_json()`, self-contained for reports; `Result.from_json`
reads it back; re-scoring the same inputs under the same version gives an
equal result):

    {
      "questionnaire": {"id": "samarbeid", "version": 1},
      "status": "complete" | "incomplete",
      "overall": "low" | "medium" | "high" | "very_high" | null,
      "overall_computed": "high",            # level even when incomplete
      "escalated": true,                     # two or more dimensions >= high
      "sensitivity": 2, "actor": 3,          # S and A of the matrix
      "dimensions": [
        {"key": "SEC", "points": 9, "band": "medium", "floor": "very_high",
         "level": "very_high", "name": {"nb": "Sikkerhet ...", "en": "Security ..."}}
      ],
      "ledger": [
        {"dimension": "SEC", "source": "answer", "key": "partner.military_links",
         "value": "direct", "points": 5, "rule": "partner.military_links=direct",
         "ref": "HK-dir: Partnerskap på forskningsfeltet (2024)",
         "explanation": {"nb": "... (svar: direkte) → +5 SEC", "en": "... → +5 SEC"},
         "raw_points": 6,                    # only when a cap cut the points
         "gap": true,                        # only for "don't know" answers
         "fact_source": "V-Dem v14", "fact_edition": "2023",   # country/partner
         "fact_licence": "CC BY-SA 4.0", "fact_detail": "0.087",
         "partner": "Example University"}    # partner lines only
      ],
      "floors":        [{"key": "MATRIX" | "HT-04", "text": {nb, en},
                         "detail": {"dimension": "SEC", "level": "very_high"}}],
      "hard_triggers": [{"key": "HT-04", "text": {nb, en},
                         "detail": {"routes": ["R-CP", "R-EC"]}}],
      "routes":        [{"key": "R-EC", "text": {nb, en},
                         "detail": {"because": ["research.export_list=list_II"]}}],
      "gaps":          [{"key": "research.dual_use", "text": {nb, en},
                         "detail": {"reason": "unknown" | "unanswered"}}],
      "blocking":      [{"key": "HT-U-SCR", "text": {nb, en},
                         "detail": {"question": "partner.sanctions_screened",
                                    "reason": "unknown" | "unanswered"}}],
      "mitigations":   [{"key": "M-EC-01", "text": {nb, en},
                         "detail": {"because": ["research.export_list"]}}]
    }

Item texts are the question text (gaps), the trigger / route / blocking name or
the mitigation text, in both languages. The mitigation plan the researcher
writes per flagged item is stored by the web flow, keyed by mitigation key.
"""

from __future__ import annotations

from screening.questionnaire.model import LEVELS
from screening.scoring.engine import score
from screening.scoring.result import (
    Contribution,
    DimensionResult,
    Item,
    Result,
    plain_explanation,
)

__all__ = [
    "LEVELS",
    "Contribution",
    "DimensionResult",
    "Item",
    "Result",
    "plain_explanation",
    "score",
]
