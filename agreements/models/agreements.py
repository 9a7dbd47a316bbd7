"""Collaboration agreements and the reminders sent before they end."""

from __future__ import annotations

import secrets
from pathlib import PurePath

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


def document_path(instance: Agreement, filename: str) -> str:
    """A non-guessable name in private media; only the extension is kept."""
    suffix = PurePath(filename).suffix.lower()
    return f"agreements/documents/{secrets.token_hex(16)}{suffix}"


class Agreement(models.Model):
    """A collaboration agreement with one or more partner institutions."""

    class Kind(models.TextChoices):
        MOU = "mou", _("MoU or institutional partnership")
        RESEARCH = "research", _("Research collaboration")
        EXCHANGE = "exchange", _("Student exchange")
        DEGREE = "degree", _("Joint or double degree")
        GUEST = "guest", _("Guest researcher agreement")
        DATA = "data", _("Data-sharing agreement")
        CONSORTIUM = "consortium", _("Consortium")
        CONTRACT = "contract", _("Contract research")
        OTHER = "other", _("Other")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        ACTIVE = "active", _("Active")
        EXPIRED = "expired", _("Expired")
        TERMINATED = "terminated", _("Terminated")

    class SigningLevel(models.TextChoices):
        RECTOR = "rector", _("Rector or director")
        DEAN = "dean", _("Dean")
        DEPARTMENT = "department", _("Head of department")
        PROJECT = "project", _("Project leader")
        OTHER = "other", _("Other")

    class Level(models.TextChoices):
        LOW = "low", _("Low")
        MEDIUM = "medium", _("Medium")
        HIGH = "high", _("High")
        VERY_HIGH = "very_high", _("Very high")
        INCOMPLETE = "incomplete", _("Incomplete")

    REVIEW_INTERVALS = [
        (6, _("6 months")),
        (12, _("12 months")),
        (24, _("24 months")),
        (36, _("36 months")),
    ]

    title = models.CharField(_("title"), max_length=300)
    kind = models.CharField(
        _("kind"), max_length=20, choices=Kind.choices, default=Kind.RESEARCH
    )
    partners = models.ManyToManyField(
        "agreements.Partner", verbose_name=_("partners"), related_name="agreements"
    )
    responsible_unit = models.ForeignKey(
        "agreements.Unit",
        verbose_name=_("responsible unit"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="agreements",
    )
    responsible_person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("responsible person"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="responsible_agreements",
    )
    start_date = models.DateField(_("start date"), null=True, blank=True)
    end_date = models.DateField(_("end date"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.DRAFT
    )
    signing_level = models.CharField(
        _("signing level"), max_length=20, choices=SigningLevel.choices, blank=True
    )
    has_academic_freedom_clause = models.BooleanField(
        _("academic-freedom clause"), default=False
    )
    has_termination_clause = models.BooleanField(
        _("termination and red-lines clause"), default=False
    )
    has_export_control_clause = models.BooleanField(
        _("export-control clause"), default=False
    )
    review_interval_months = models.PositiveSmallIntegerField(
        _("review interval"), choices=REVIEW_INTERVALS, default=12
    )
    notes = models.TextField(_("notes"), blank=True)
    document = models.FileField(
        _("agreement document"), upload_to=document_path, blank=True, max_length=200
    )
    document_name = models.CharField(
        _("document file name"), max_length=200, blank=True
    )
    version = models.PositiveIntegerField(default=1)

    # Denormalised by the screening and decision areas so the overview needs no
    # per-row queries.
    last_screening = models.ForeignKey(
        "screening.Screening",
        verbose_name=_("latest screening"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    last_screening_level = models.CharField(
        _("latest screening level"), max_length=20, choices=Level.choices, blank=True
    )
    last_screened_at = models.DateTimeField(_("last screened"), null=True, blank=True)
    last_decision = models.CharField(_("latest decision"), max_length=40, blank=True)

    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords(m2m_fields=[partners])

    class Meta:
        ordering = ["title", "pk"]
        verbose_name = _("agreement")
        verbose_name_plural = _("agreements")
        indexes = [
            models.Index(fields=["end_date"], name="agreement_end_idx"),
            models.Index(fields=["status"], name="agreement_status_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end_date__isnull=True)
                | models.Q(start_date__isnull=True)
                | models.Q(end_date__gte=models.F("start_date")),
                name="agreement_end_after_start",
            )
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return f"/agreements/{self.pk}/"


class AgreementReminder(models.Model):
    """One reminder e-mail per agreement, threshold and end date (sent once)."""

    agreement = models.ForeignKey(
        Agreement, on_delete=models.CASCADE, related_name="reminders"
    )
    days_before = models.PositiveSmallIntegerField()
    end_date = models.DateField()
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["agreement", "days_before", "end_date"],
                name="agreement_reminder_once",
            )
        ]

    def __str__(self) -> str:
        return f"{self.agreement_id}: {self.days_before} days before {self.end_date}"
