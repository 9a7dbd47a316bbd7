from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from countries.facts import PartnerFacts

if TYPE_CHECKING:
    from agreements.models.incidents import PartnerIncident
    from agreements.models.named_lists import PartnerMatch

# The order of a partner's named-list facts (and so of its ledger lines).
CONFIRMED_ORDER = ("-score", "pk")

ROR_ID = RegexValidator(
    r"^0[a-hj-km-np-tv-z0-9]{6}[0-9]{2}$",
    _("A ROR id has nine characters, such as 01xtthb56 (without https://ror.org/)."),
)


class Partner(models.Model):
    """A partner institution in the institution-wide register."""

    class Kind(models.TextChoices):
        UNIVERSITY = "university", _("University or university college")
        RESEARCH_INSTITUTE = "research_institute", _("Research institute")
        COMPANY = "company", _("Company")
        GOVERNMENT = "government", _("Government body")
        MILITARY = "military", _("Military, defence or security body")
        FOUNDATION = "foundation", _("Foundation or funder")
        OTHER = "other", _("Other")

    name = models.CharField(_("name"), max_length=300)
    country = models.ForeignKey(
        "countries.Country",
        verbose_name=_("country"),
        on_delete=models.PROTECT,
        related_name="partners",
    )
    kind = models.CharField(
        _("type"), max_length=30, choices=Kind.choices, default=Kind.UNIVERSITY
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent organisation"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="children",
    )
    ror_id = models.CharField(
        _("ROR id"), max_length=9, blank=True, validators=[ROR_ID]
    )
    website = models.URLField(_("website"), blank=True)
    notes = models.TextField(_("notes"), blank=True)
    named_list_status = models.CharField(
        _("named-list status"),
        max_length=20,
        blank=True,
        choices=[
            ("candidate", _("Probable match awaiting decision")),
            ("confirmed", _("Confirmed match")),
        ],
        help_text=_("Kept up to date by named-list matching."),
    )
    proposed = models.BooleanField(
        _("proposed"),
        default=False,
        help_text=_(
            "Proposed by a researcher in a screening; the contact point confirms "
            "it or merges it into an existing partner."
        ),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        verbose_name = _("partner institution")
        verbose_name_plural = _("partner institutions")
        indexes = [models.Index(fields=["name"], name="partner_name_idx")]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return f"/partners/{self.pk}/"

    def facts(
        self,
        matches: Iterable[PartnerMatch] | None = None,
        incidents: Iterable[PartnerIncident] | None = None,
    ) -> PartnerFacts:
        """The partner's sourced facts for the risk engine (countries.facts):
        named_list per confirmed match on a list of research
        organisations, sanctions_list per match on a sanctions list (see
        named_lists.FLAGGING), incident per incident recorded against it.

        `matches` (FLAGGING ones with entry and list, in CONFIRMED_ORDER) and
        `incidents` (in INCIDENT_ORDER): when the caller loaded them for many
        partners at once.
        """
        from agreements.models.incidents import INCIDENT_ORDER
        from agreements.models.named_lists import FLAGGING

        if matches is None:
            matches = self.named_list_matches.filter(FLAGGING).order_by(
                *CONFIRMED_ORDER
            )
        if incidents is None:
            incidents = self.incidents.order_by(*INCIDENT_ORDER)
        flags = tuple(m.fact() for m in matches) + tuple(i.fact() for i in incidents)
        return PartnerFacts(
            partner_id=self.pk,
            name=self.name,
            country=self.country_id or "",
            kind=self.kind,
            flags=flags,
        )


class PartnerAlias(models.Model):
    """Another name of a partner: other language, abbreviation or former name."""

    class Kind(models.TextChoices):
        OTHER_LANGUAGE = "language", _("Name in another language")
        ABBREVIATION = "abbreviation", _("Abbreviation")
        FORMER = "former", _("Former name")

    partner = models.ForeignKey(
        Partner, on_delete=models.CASCADE, related_name="aliases"
    )
    name = models.CharField(_("name"), max_length=300)
    kind = models.CharField(
        _("kind"), max_length=20, choices=Kind.choices, default=Kind.OTHER_LANGUAGE
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        verbose_name = _("alias")
        verbose_name_plural = _("aliases")
        constraints = [
            models.UniqueConstraint(
                fields=["partner", "name"], name="partner_alias_unique_name"
            )
        ]

    def __str__(self) -> str:
        return self.name
