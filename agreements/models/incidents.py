"""Incidents recorded against a partner: the source of the partner flag
`incident` (PTN-INCIDENT, "earlier incident with this partner")."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from countries.facts import Fact

# The order of a partner's incident facts (and so of its ledger lines).
INCIDENT_ORDER = ("-occurred_on", "-pk")
LOG = "Samarbeidssjekk: incident log"


class PartnerIncident(models.Model):
    """Something that happened with a partner: reported in a screening's
    incident section (at mid-term, renewal or closing) or recorded by the
    contact point on the partner page. It flags the partner in every other
    screening with it."""

    class Source(models.TextChoices):
        SCREENING = "screening", _("Reported in a screening")
        CONTACT_POINT = "contact_point", _("Recorded by the contact point")

    partner = models.ForeignKey(
        "agreements.Partner",
        verbose_name=_("partner"),
        on_delete=models.CASCADE,
        related_name="incidents",
    )
    occurred_on = models.DateField(_("date"))
    description = models.TextField(_("what happened"), max_length=2000)
    source = models.CharField(_("source"), max_length=20, choices=Source.choices)
    # The screening that reported it (an id, not a key: screening depends on
    # agreements) and the incident question answered "yes" there.
    screening_id = models.PositiveIntegerField(null=True, blank=True)
    question = models.CharField(max_length=60, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = INCIDENT_ORDER
        verbose_name = _("partner incident")
        verbose_name_plural = _("partner incidents")
        constraints = [
            models.UniqueConstraint(
                fields=["screening_id", "question"],
                condition=models.Q(screening_id__isnull=False),
                name="partner_incident_once_per_screening_question",
            )
        ]

    def __str__(self) -> str:
        return f"{self.partner}: {self.occurred_on}"

    @property
    def origin(self) -> str:
        """Where it was recorded; a screening never counts its own incidents."""
        if self.screening_id:
            return f"/screenings/{self.screening_id}/"
        return f"/partners/{self.partner_id}/"

    def fact(self) -> Fact:
        return Fact(
            "incident",
            "yes",
            source=LOG,
            edition=self.occurred_on.isoformat(),
            url=self.origin,
            detail=self.description[:200],
        )
