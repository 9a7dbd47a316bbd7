"""One level vocabulary: the choices, the order and the SQL rank agree."""

from __future__ import annotations

import pytest

from countries import levels
from countries.level_choices import ASSESSED, RiskLevel, rank_of
from countries.models import Assessment
from screening.models import Screening
from tests import factories


def test_the_choices_are_the_vocabulary():
    assert set(RiskLevel.values) == set(levels.WITH_INCOMPLETE)
    assert [key for key, _ in ASSESSED] == list(levels.LEVELS)
    assert Screening.Level is RiskLevel is Assessment.Level


def test_rank_orders_by_severity():
    ranks = [levels.rank(key) for key in levels.LEVELS]
    assert ranks == [1, 2, 3, 4]
    assert levels.rank(levels.INCOMPLETE) == levels.rank(None) == 0


@pytest.mark.django_db
def test_the_database_sorts_by_the_same_rank():
    for level in ("high", "incomplete", "low", "very_high", "medium"):
        screening = factories.ScreeningFactory()
        Screening.objects.filter(pk=screening.pk).update(overall_level=level)
    ranked = Screening.objects.annotate(r=rank_of("overall_level")).order_by("-r")
    assert [s.overall_level for s in ranked] == [
        "very_high",
        "high",
        "medium",
        "low",
        "incomplete",
    ]
