"""The risk levels a screening (and the register's copy of it) can carry."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class RiskLevel(models.TextChoices):
    LOW = "low", _("Low")
    MEDIUM = "medium", _("Medium")
    HIGH = "high", _("High")
    VERY_HIGH = "very_high", _("Very high")
    INCOMPLETE = "incomplete", _("Incomplete")
