"""Collaboration agreements and the reminders sent before they end."""

from __future__ import annotations

import secrets
from pathlib import PurePath
from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from agreements import roles
from agreements.flag_names import FLAGS
from agreements.titles import validate_one_line
from countries.level_choices import RiskLevel


def document_path(instance: Agreement, filename: str) -> str:
    """A non-guessable name in private media; only the extension is kept."""
    suffix = PurePath(filename).suffix.lower()
    return f"agreements/documents/{secrets.token_hex(16)}{suffix}"


class AgreementQuerySet(models.QuerySet):
    def visible_to(self, user: Any) -> AgreementQuerySet:
        """Contact point and leadership read all; others their unit's and their own."""
        if roles.reads_whole_register(user):
            return self
        if not getattr(user, "is_authenticated", False):
            return self.none()
        mine = models.Q(responsible_person=user)
        if user.unit_id:
            mine |= models.Q(responsible_unit_id=user.unit_id)
        return self.filter(mine)

    def for_overview(self) -> AgreementQuerySet:
        """Everything the overview and exports show, in a constant number of queries."""
        from agreements.models.partners import Partner

        partners = Partner.objects.select_related("country").order_by("name")
        return self.select_related(
            "responsible_unit", "responsible_person"
        ).prefetch_related(models.Prefetch("partners", queryset=partners))

    def with_sort_keys(self) -> AgreementQuerySet:
        """First partner's name and country name, for sorting by those columns."""
        through = self.model.partners.through
        first = through.objects.filter(agreement_id=models.OuterRef("pk")).order_by(
            "partner__name"
        )
        return self.annotate(
            first_partner=models.Subquery(first.values("partner__name")[:1]),
            first_country=models.Subquery(
                first.values("partner__country__name_nb")[:1]
            ),
        )


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

    Level = RiskLevel

    REVIEW_INTERVALS = [
        (6, _("6 months")),
        (12, _("12 months")),
        (24, _("24 months")),
        (36, _("36 months")),
    ]

    title = models.CharField(_("title"), max_length=300, validators=[validate_one_line])
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
    objects = AgreementQuerySet.as_manager()

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

    def save(self, *args: Any, **kwargs: Any) -> None:
        # Derived field on the same row: the uploaded file's own name, for display.
        if self.document and not self.document._committed:
            self.document_name = PurePath(self.document.name).name[:200]
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return f"/agreements/{self.pk}/"

    @property
    def raised_flags(self) -> list[Any]:
        """The flags set on this row (needs the flags.annotate() columns)."""
        return [f for f in FLAGS if getattr(self, f"flag_{f.key}", False)]


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
