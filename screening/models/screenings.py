"""A screening: one planned collaboration described, answered and scored."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from agreements import roles
from screening import questionnaire as qn
from screening.facts import CountryFacts, PartnerFacts
from screening.levels import RiskLevel


class ScreeningQuerySet(models.QuerySet):
    def visible_to(self, user: Any) -> ScreeningQuerySet:
        """Researchers see what they own or co-author; the central roles see all."""
        if not getattr(user, "is_authenticated", False):
            return self.none()
        if roles.sees_all_screenings(user):
            return self
        mine = Q(owner=user) | Q(
            pk__in=self.model.co_authors.through.objects.filter(user=user).values(
                "screening_id"
            )
        )
        return self.filter(mine)

    def editable_by(self, user: Any) -> ScreeningQuerySet:
        """Drafts and returned screenings, for their owner and co-authors only."""
        if not getattr(user, "is_authenticated", False):
            return self.none()
        authored = Q(owner=user) | Q(
            pk__in=self.model.co_authors.through.objects.filter(user=user).values(
                "screening_id"
            )
        )
        return self.filter(authored, status__in=Screening.EDITABLE)


class Screening(models.Model):
    class Stage(models.TextChoices):
        NEW = "new", _("New collaboration")
        RENEWAL = "renewal", _("Renewal")
        MID_TERM = "mid_term", _("Mid-term review")
        CLOSING = "closing", _("Closing")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Submitted")
        IN_REVIEW = "in_review", _("In review")
        CHANGES_REQUESTED = "changes_requested", _("Changes requested")
        APPROVED = "approved", _("Approved")
        APPROVED_WITH_CONDITIONS = (
            "approved_with_conditions",
            _("Approved with conditions"),
        )
        REJECTED = "rejected", _("Rejected")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    Level = RiskLevel

    EDITABLE = (Status.DRAFT, Status.CHANGES_REQUESTED)

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("owner"),
        on_delete=models.PROTECT,
        related_name="screenings",
    )
    co_authors = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("co-authors"),
        blank=True,
        related_name="coauthored_screenings",
    )
    title = models.CharField(_("title"), max_length=200)
    partner = models.ForeignKey(
        "agreements.Partner",
        verbose_name=_("partner institution"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="screenings",
    )
    proposed_partner_name = models.CharField(
        _("proposed partner name"), max_length=300, blank=True
    )
    proposed_partner_country = models.ForeignKey(
        "countries.Country",
        verbose_name=_("proposed partner country"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    proposed_partner_website = models.URLField(
        _("proposed partner website"), blank=True
    )
    country = models.ForeignKey(
        "countries.Country",
        verbose_name=_("country"),
        on_delete=models.PROTECT,
        related_name="screenings",
    )
    unit = models.ForeignKey(
        "agreements.Unit",
        verbose_name=_("unit"),
        on_delete=models.PROTECT,
        related_name="screenings",
    )
    stage = models.CharField(
        _("stage"), max_length=20, choices=Stage.choices, default=Stage.NEW
    )
    period_start = models.DateField(_("planned start"), null=True, blank=True)
    period_end = models.DateField(_("planned end"), null=True, blank=True)
    agreement = models.ForeignKey(
        "agreements.Agreement",
        verbose_name=_("agreement"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="screenings",
    )
    questionnaire_id = models.CharField(_("questionnaire"), max_length=40)
    questionnaire_version = models.PositiveIntegerField(_("questionnaire version"))
    answers = models.JSONField(_("answers"), default=dict, blank=True)
    result = models.JSONField(_("result"), default=dict, blank=True)
    overall_level = models.CharField(
        _("overall level"),
        max_length=20,
        choices=Level.choices,
        default=Level.INCOMPLETE,
        db_index=True,
    )
    status = models.CharField(
        _("status"),
        max_length=30,
        choices=Status.choices,
        default=Status.DRAFT,
        db_index=True,
    )
    mitigation_plan = models.JSONField(_("mitigation plan"), default=dict, blank=True)
    revision = models.PositiveIntegerField(_("revision"), default=0)
    previous = models.ForeignKey(
        "self",
        verbose_name=_("previous screening"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="followers",
    )
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    history = HistoricalRecords(excluded_fields=["result"])

    objects = ScreeningQuerySet.as_manager()

    class Meta:
        ordering = ["-updated_at"]
        verbose_name = _("screening")
        verbose_name_plural = _("screenings")
        indexes = [models.Index(fields=["status", "overall_level"])]

    def __str__(self) -> str:
        return self.title

    def save(self, *args: Any, **kwargs: Any) -> None:
        # Derived field on the same row: every save is a new revision, which
        # the section forms carry to notice edits from another tab.
        self.revision = (self.revision or 0) + 1
        update_fields = kwargs.get("update_fields")
        if update_fields is not None:
            kwargs["update_fields"] = {*update_fields, "revision", "updated_at"}
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return f"/screenings/{self.pk}/"

    @property
    def is_editable(self) -> bool:
        return self.status in self.EDITABLE

    @property
    def partner_name(self) -> str:
        return self.partner.name if self.partner_id else self.proposed_partner_name

    def is_author(self, user: Any) -> bool:
        return self.owner_id == user.pk or self.co_authors.filter(pk=user.pk).exists()

    @property
    def questionnaire(self) -> qn.Questionnaire:
        """The definition this screening was started on (never the newest)."""
        return qn.load(self.questionnaire_id, self.questionnaire_version)

    def context(self) -> qn.Context:
        """Country, partner and stage, as the conditions and the engine see them."""
        return qn.Context(
            country=self.country_facts(),
            partners=(self.partner_facts(),),
            stage=self.stage,
        )

    def clean_answers(self) -> dict[str, object]:
        """The answers that count now: visible questions, valid values only."""
        return qn.clean_answers(self.questionnaire, self.answers, self.context())

    def rescore(self) -> None:
        """Score the answers under the screening's own version and store it."""
        from screening import scoring

        context = self.context()
        # score() drops hidden and invalid answers itself (clean_answers).
        result = scoring.score(
            self.questionnaire,
            self.answers,
            context.country,
            context.partners,
            stage=context.stage,
        )
        self.result = result.to_json()
        self.overall_level = result.overall or self.Level.INCOMPLETE

    def country_facts(self) -> CountryFacts:
        return self.country.facts()

    def partner_facts(self) -> PartnerFacts:
        partner = self.partner
        if partner is not None:
            return partner.facts()
        country = self.proposed_partner_country_id or self.country_id
        kind = str(self.answers.get("partner.type", "") or "")
        return PartnerFacts(None, self.proposed_partner_name, country, kind)
