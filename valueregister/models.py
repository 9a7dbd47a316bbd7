"""The institution's value and risk register (issue 22): what it must protect.

The guidelines ask leadership for a systematic value assessment: research
areas, laboratories and infrastructure, data sets and technologies that would
hurt the institution if they leaked or were misused. Each asset has an owning
unit, a reason, a sensitivity, access rules and a review date. A screening
whose researcher picks an asset from this list scores it (screening reads the
register; the register never reads screenings).
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from agreements.models import Unit
from countries.level_choices import ASSESSED, RiskLevel

# An asset is due for review this long after it was last reviewed.
REVIEW_INTERVAL = datetime.timedelta(days=365)


class AssetQuerySet(models.QuerySet):
    def active(self) -> AssetQuerySet:
        return self.filter(retired=False)

    def review_overdue(self, today: datetime.date | None = None) -> AssetQuerySet:
        """Active assets reviewed more than twelve months ago."""
        today = today or timezone.localdate()
        return self.active().filter(last_reviewed__lt=today - REVIEW_INTERVAL)


class Asset(models.Model):
    class Kind(models.TextChoices):
        RESEARCH_AREA = "research_area", _("Research area")
        INFRASTRUCTURE = "infrastructure", _("Laboratory or infrastructure")
        DATA_SET = "data_set", _("Data set")
        TECHNOLOGY = "technology", _("Technology")

    # The one level vocabulary (countries.level_choices), without "incomplete".
    Sensitivity = RiskLevel

    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    name = models.CharField(_("name"), max_length=200)
    unit = models.ForeignKey(
        Unit,
        verbose_name=_("owning unit"),
        on_delete=models.PROTECT,
        related_name="assets",
    )
    why_valuable = models.TextField(_("why it is valuable"), max_length=4000)
    sensitivity = models.CharField(_("sensitivity"), max_length=20, choices=ASSESSED)
    access = models.TextField(
        _("who may access it and how"), max_length=4000, blank=True
    )
    # Registering an asset is its first review.
    last_reviewed = models.DateField(_("last reviewed"), default=timezone.localdate)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reviewed by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    retired = models.BooleanField(
        _("retired"),
        default=False,
        help_text=_("No longer offered in the questionnaire; kept for history."),
    )
    # The review date the last reminder was sent for: one reminder per review.
    reminded_for = models.DateField(null=True, blank=True, editable=False)
    history = HistoricalRecords(excluded_fields=["reminded_for"])

    objects = AssetQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("asset")
        verbose_name_plural = _("assets")
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "name"], name="asset_unique_name_in_unit"
            )
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return f"/register/values/{self.pk}/"

    def review_due(self) -> datetime.date:
        return self.last_reviewed + REVIEW_INTERVAL

    def is_overdue(self, today: datetime.date | None = None) -> bool:
        return self.review_due() < (today or timezone.localdate())
