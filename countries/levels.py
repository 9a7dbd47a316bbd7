"""The risk level vocabulary: the one place the levels and their order are set.

Pure Python (no Django imports), in the bottom layer, so the questionnaire,
the scoring engine, the decision rules, the register and the reports all read
the same words. The Django choices with their translated labels are
`countries.level_choices.RiskLevel`, built from these keys.
"""

from __future__ import annotations

LOW = "low"
MEDIUM = "medium"
HIGH = "high"
VERY_HIGH = "very_high"
INCOMPLETE = "incomplete"  # a screening not yet answered far enough to score

LEVELS = (LOW, MEDIUM, HIGH, VERY_HIGH)  # lowest first: the order of severity
WITH_INCOMPLETE = (INCOMPLETE, *LEVELS)
HIGH_LEVELS = (HIGH, VERY_HIGH)
RAISED = (MEDIUM, HIGH, VERY_HIGH)


def rank(level: str | None) -> int:
    """1 (low) to 4 (very high); 0 for incomplete or no level."""
    return LEVELS.index(level) + 1 if level in LEVELS else 0
