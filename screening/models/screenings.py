"""A screening: one planned collaboration described, answered and scored."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from agreements import roles
from agreements.titles import validate_one_line
from config.keys import as_key
from countries.facts import AssetFacts, CountryFacts, PartnerFacts
from countries.level_choices import RiskLevel
from screening import questionnaire as qn
from screening.scoring.stored import Case, digest, score_case
from valueregister.models import Asset


def levels_by_dimension(result: dict[str, Any] | None) -> dict[str, str]:
    """{dimension key: level} of a stored result (see `scoring.Result.to_json`)."""
    dimensions = (result or {}).get("dimensions") or []
    return {d["key"]: d["level"] for d in dimensions if d.get("key") and d.get("level")}


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
    title = models.CharField(_("title"), max_length=200, validators=[validate_one_line])
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
    # Derived from `result` on every save (see save()): {"AF": "high", ...}.
    # A few dozen bytes that the dashboard and the queue's dimension filter
    # read instead of de-toasting the whole result of every row.
    dimension_levels = models.JSONField(
        _("level per dimension"), default=dict, blank=True, editable=False
    )
    # Also derived from `result`: its digest (scoring.stored.digest). Re-scoring
    # in bulk compares it instead of reading and decoding every stored result.
    result_digest = models.CharField(
        _("result digest"), max_length=32, blank=True, editable=False
    )
    # What the stored result was scored from (scoring.stored.Scored.inputs):
    # re-scoring in bulk skips a row whose inputs have not changed since.
    inputs_digest = models.CharField(
        _("inputs digest"), max_length=32, blank=True, editable=False
    )
    overall_level = models.CharField(
        _("overall level"),
        max_length=20,
        choices=Level.choices,
        default=Level.INCOMPLETE,
        db_index=True,
    )
    # When the stored result was last computed, and the last change of the
    # overall level with its cause (services.rescoring), for the screening page.
    scored_at = models.DateTimeField(_("last scored"), null=True, blank=True)
    level_change = models.JSONField(
        _("last level change"), default=dict, blank=True, editable=False
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
    history = HistoricalRecords(
        excluded_fields=[
            "result",
            "dimension_levels",
            "result_digest",
            "inputs_digest",
            "scored_at",
            "level_change",
        ]
    )

    objects = ScreeningQuerySet.as_manager()

    class Meta:
        ordering = ["-updated_at"]
        verbose_name = _("screening")
        verbose_name_plural = _("screenings")
        indexes = [models.Index(fields=["status", "overall_level"])]

    def __str__(self) -> str:
        return self.title

    def save(self, *args: Any, **kwargs: Any) -> None:
        update_fields = kwargs.get("update_fields")
        derived = self.derive_fields(update_fields)
        if update_fields is not None:
            kwargs["update_fields"] = {*update_fields, *derived}
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return f"/screenings/{self.pk}/"

    def derive_fields(self, changed: Iterable[str] | None = None) -> set[str]:
        """Set the fields every write of this row derives, and return the names
        a write of the `changed` fields (None: all) must store with them.

        Every write is a new revision, which the section forms carry to notice
        edits from another tab; the dimension levels and the digest follow the
        stored result. Used by save() and by the bulk writes that bypass it.
        """
        self.revision = (self.revision or 0) + 1
        derived = {"revision", "updated_at"}
        if "result" not in self.get_deferred_fields():
            self.dimension_levels = levels_by_dimension(self.result)
            self.result_digest = digest(self.result or {})
        if changed is None or "result" in changed:
            # The inputs digest is bound to the result digest (rescore() sets
            # it; any other new result leaves it stale, so never skipped).
            derived |= {"dimension_levels", "result_digest", "inputs_digest"}
        return derived

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

    def context(
        self,
        country: CountryFacts | None = None,
        partner: PartnerFacts | None = None,
        loaded_assets: Sequence[Asset] | None = None,
    ) -> qn.Context:
        """Country, partner and stage, as the conditions and the engine see them
        (`case_context`). `country`, `partner`: their facts, when the caller
        has loaded them; `loaded_assets`: the assets the answers pick, in the
        order of `picked_assets`, among others."""
        return case_context(
            pk=self.pk,
            answers=self.answers,
            stage=self.stage,
            country=self.country_facts() if country is None else country,
            partner=self.partner_facts() if partner is None else partner,
            proposed=bool(self.partner_id and self.partner.proposed),
            assets=self.asset_facts(loaded_assets),
        )

    def asset_ids(self) -> list[int]:
        """Ids of the value-register assets the answers pick (visible or not)."""
        return picked_asset_ids(self.questionnaire, self.answers)

    def picked_assets(self) -> list[Asset]:
        """The value-register assets the answers pick, with their owning units."""
        ids = self.asset_ids()
        if not ids:
            return []
        found = Asset.objects.filter(pk__in=ids).select_related("unit")
        return list(found.order_by("name", "pk"))

    def asset_facts(
        self, loaded: Sequence[Asset] | None = None
    ) -> tuple[AssetFacts, ...]:
        """The picked assets as the engine sees them (none: no query).
        `loaded`: assets in the order of `picked_assets`, among them (at least)
        the picked ones, when the caller has them."""
        if loaded is None:
            return asset_facts(self.picked_assets())
        if not loaded:
            return ()
        return asset_facts(loaded, self.asset_ids())

    def clean_answers(self) -> dict[str, object]:
        """The answers that count now: visible questions, valid values only."""
        return qn.clean_answers(self.questionnaire, self.answers, self.context())

    def rescore(self, context: qn.Context | None = None) -> None:
        """Score the answers under the screening's own version and store it
        (`context`: the facts, when the caller has loaded them; see `context`).
        The same function as re-scoring in bulk (`scoring.stored`), so both
        store the same result."""
        context = self.context() if context is None else context
        # score() drops hidden and invalid answers itself (clean_answers).
        scored = score_case(
            Case(
                self.questionnaire_id,
                self.questionnaire_version,
                self.answers,
                context.country,
                context.partners,
                context.stage,
                assets=context.assets,
            ),
            force=True,
        )
        self.result = scored.result
        self.inputs_digest = scored.inputs
        self.overall_level = scored.overall_level
        self.scored_at = timezone.now()

    def country_facts(self) -> CountryFacts:
        return self.country.facts()

    def partner_facts(self) -> PartnerFacts:
        partner = self.partner
        if partner is not None:
            return partner.facts()
        country = self.proposed_partner_country_id or self.country_id
        return proposal_facts(self.proposed_partner_name, country, self.answers)


def case_context(
    *,
    pk: int | None,
    answers: Mapping[str, object],
    stage: str,
    country: CountryFacts,
    partner: PartnerFacts,
    proposed: bool,
    assets: tuple[AssetFacts, ...],
) -> qn.Context:
    """A screening's facts as the conditions and the engine see them: its
    country, its partner (`proposed`: a partner record that is still a
    researcher's proposal) and stage, and the assets its answers pick.
    `Screening.context`, and re-scoring in bulk with values read as rows."""
    if proposed:
        # A proposed partner's type is the researcher's answer until the
        # contact point confirms it into the register.
        partner = dataclasses.replace(partner, kind=_partner_kind(answers))
    partner = _without_own_incidents(partner, f"/screenings/{pk}/")
    return qn.Context(country=country, partners=(partner,), stage=stage, assets=assets)


def proposal_facts(
    name: str, country: str, answers: Mapping[str, object]
) -> PartnerFacts:
    """The facts of a partner named in the screening only (not registered)."""
    return PartnerFacts(None, name, country, _partner_kind(answers))


def _partner_kind(answers: Mapping[str, object]) -> str:
    return str(answers.get("partner.type", "") or "")


def picked_asset_ids(q: qn.Questionnaire, answers: Mapping[str, object]) -> list[int]:
    """Ids of the value-register assets the answers pick (visible or not)."""
    ids: list[int] = []
    for question in q.asset_questions:
        ids += picked_ids(answers.get(question.key))
    return ids


def asset_facts(
    assets: Sequence[Asset], only: Iterable[int] | None = None
) -> tuple[AssetFacts, ...]:
    """The assets as the engine sees them, in their order (`only`: those of
    these ids)."""
    if only is not None:
        ids = set(only)
        assets = [a for a in assets if a.pk in ids]
    return tuple(
        AssetFacts(a.pk, a.name, a.kind, a.unit.name, a.sensitivity) for a in assets
    )


def _without_own_incidents(partner: PartnerFacts, own: str) -> PartnerFacts:
    """A screening's own incident answers already score (incident section);
    the partner flag `incident` they produce counts in the partner's other
    screenings only."""
    flags = tuple(
        f for f in partner.flags if not (f.flag == "incident" and f.url == own)
    )
    if len(flags) == len(partner.flags):
        return partner
    return dataclasses.replace(partner, flags=flags)


def picked_ids(value: object) -> list[int]:
    """The asset ids an `assets` answer holds; anything else picks nothing."""
    if not isinstance(value, list):
        return []
    return [key for v in value if isinstance(v, str) and (key := as_key(v))]
