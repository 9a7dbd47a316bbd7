"""The risk levels as Django choices, with their labels (keys: countries.levels)."""

from __future__ import annotations

from django.db import models
from django.db.models import Case, IntegerField, Value, When
from django.utils.translation import gettext_lazy as _

from countries import levels


class RiskLevel(models.TextChoices):
    LOW = levels.LOW, _("Low")
    MEDIUM = levels.MEDIUM, _("Medium")
    HIGH = levels.HIGH, _("High")
    VERY_HIGH = levels.VERY_HIGH, _("Very high")
    INCOMPLETE = levels.INCOMPLETE, _("Incomplete")


# The levels a person can assess (a country): every one but "incomplete".
ASSESSED = [(key, label) for key, label in RiskLevel.choices if key in levels.LEVELS]


def rank_of(field: str) -> Case:
    """`levels.rank` of a level field, in SQL (to sort by severity)."""
    return Case(
        *(When(**{field: key}, then=Value(levels.rank(key))) for key in levels.LEVELS),
        default=Value(0),
        output_field=IntegerField(),
    )
