"""A case in the library: an anonymised summary of one decided screening."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from screening.models import Screening


class CaseQuerySet(models.QuerySet):
    def published(self) -> CaseQuerySet:
        return self.filter(unpublished_at__isnull=True)


class Case(models.Model):
    class Theme(models.TextChoices):
        ACADEMIC_FREEDOM = "academic_freedom", _("Academic freedom and ethics")
        SECURITY = "security", _("Security and interference")
        EXPORT_CONTROL = "export_control", _("Export control and sanctions")
        DATA = "data", _("Data protection and information security")
        PEOPLE = "people", _("Recruitment, guests and students")
        AGREEMENT = "agreement", _("Agreement terms and exit")
        GOVERNANCE = "governance", _("Reputation, finance and governance")

    # Only a decided screening can become a case.
    DECIDED = (
        Screening.Status.APPROVED,
        Screening.Status.APPROVED_WITH_CONDITIONS,
        Screening.Status.REJECTED,
    )

    screening = models.OneToOneField(
        Screening,
        verbose_name=_("screening"),
        on_delete=models.PROTECT,
        related_name="library_case",
    )
    title = models.CharField(_("title"), max_length=200)
    planned = models.TextField(_("what was planned"))
    mattered = models.TextField(_("what mattered"))
    decided = models.TextField(_("what was decided and why"))
    decision = models.CharField(
        _("decision"), max_length=30, choices=Screening.Status.choices
    )
    theme = models.CharField(_("theme"), max_length=30, choices=Theme.choices)
    research_area = models.CharField(_("research field"), max_length=60, blank=True)
    country = models.ForeignKey(
        "countries.Country",
        verbose_name=_("country"),
        on_delete=models.PROTECT,
        related_name="library_cases",
    )
    overall_level = models.CharField(_("overall level"), max_length=20, blank=True)
    show_partner = models.BooleanField(_("show partner"), default=False)
    partner = models.ForeignKey(
        "agreements.Partner",
        verbose_name=_("partner institution"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="library_cases",
    )
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("published by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    published_at = models.DateTimeField(_("published"))
    unpublished_at = models.DateTimeField(_("unpublished"), null=True, blank=True)
    history = HistoricalRecords()

    objects = CaseQuerySet.as_manager()

    class Meta:
        verbose_name = _("library case")
        verbose_name_plural = _("library cases")
        ordering = ["-published_at", "-pk"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("caselibrary:detail", args=[self.pk])

    @property
    def is_published(self) -> bool:
        return self.unpublished_at is None

    @property
    def shown_partner(self):
        """The partner, only where the contact point chose to show it."""
        return self.partner if self.show_partner else None
