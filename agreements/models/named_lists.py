"""Named lists of research organisations of concern, their entries, and the
matches between partners and entries that a contact point adjudicates."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from agreements.matching.index import PROBABLE
from countries.facts import Fact


class NamedList(models.Model):
    """One published list (e.g. Canada's NRO list) in its current edition."""

    class Kind(models.TextChoices):
        # Lists of research organisations of concern (NRO, §1286, 1260H): a
        # confirmed match is the partner flag named_list.
        RESEARCH = "research", _("Research organisations of concern")
        # Sanctions lists (UN, EU, Norway): an entity listed there is the
        # partner flag sanctions_list, and even a probable match awaiting a
        # decision fires HT-01 ("the partner may be on a sanctions list").
        SANCTIONS = "sanctions", _("Sanctions list (listed entities)")

    key = models.SlugField(_("key"), max_length=40, unique=True)
    kind = models.CharField(
        _("kind of list"), max_length=20, choices=Kind.choices, default=Kind.RESEARCH
    )
    title = models.CharField(_("title"), max_length=300)
    publisher = models.CharField(_("publisher"), max_length=300, blank=True)
    edition_date = models.DateField(_("edition date"), null=True, blank=True)
    edition_label = models.CharField(_("edition"), max_length=40, blank=True)
    source_url = models.URLField(_("source URL"), max_length=500, blank=True)
    licence = models.CharField(_("licence"), max_length=100, blank=True)
    licence_note = models.TextField(_("licence note"), blank=True)
    active = models.BooleanField(_("active"), default=True)
    imported_at = models.DateTimeField(_("imported at"), null=True, blank=True)

    class Meta:
        ordering = ["title"]
        verbose_name = _("named list")
        verbose_name_plural = _("named lists")

    def __str__(self) -> str:
        return self.title

    @property
    def edition(self) -> str:
        """The edition as shown to users: the label, or else the date."""
        if self.edition_label:
            return self.edition_label
        return self.edition_date.isoformat() if self.edition_date else ""


class NamedListEntry(models.Model):
    """One organisation on a list. Entries missing from a newer edition are
    kept with active=False so that past decisions still point somewhere."""

    named_list = models.ForeignKey(
        NamedList,
        verbose_name=_("list"),
        on_delete=models.CASCADE,
        related_name="entries",
    )
    name = models.CharField(_("name"), max_length=500)
    aliases = models.JSONField(_("aliases"), default=list, blank=True)
    country = models.CharField(_("country"), max_length=2, blank=True)
    parent_name = models.CharField(_("parent organisation"), max_length=500, blank=True)
    notes = models.TextField(_("notes"), blank=True)
    active = models.BooleanField(_("on the current edition"), default=True)
    fingerprint = models.CharField(_("fingerprint"), max_length=64)
    first_seen = models.CharField(_("first seen in edition"), max_length=40, blank=True)
    last_seen = models.CharField(_("last seen in edition"), max_length=40, blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("named-list entry")
        verbose_name_plural = _("named-list entries")
        constraints = [
            models.UniqueConstraint(
                fields=["named_list", "name"], name="named_list_entry_unique_name"
            )
        ]

    def __str__(self) -> str:
        return self.name


class EntryAlias(models.Model):
    """A further name for a list entry that its publisher did not give: the
    institution's own name in its own script, added by the project
    (fixtures/named_list_aliases.csv), or a name a contact point added here.
    It belongs to the entry, so it survives a new edition of the list."""

    class Source(models.TextChoices):
        PROJECT = "project", _("Added by the project")
        LOCAL = "local", _("Added by a contact point")

    entry = models.ForeignKey(
        NamedListEntry,
        verbose_name=_("list entry"),
        on_delete=models.CASCADE,
        related_name="local_aliases",
    )
    name = models.CharField(_("alias"), max_length=500)
    language = models.CharField(_("language"), max_length=8, blank=True)
    source = models.CharField(
        _("added by"), max_length=10, choices=Source.choices, default=Source.LOCAL
    )
    note = models.CharField(_("note"), max_length=500, blank=True)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("added by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("added at"), auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["source", "name"]
        verbose_name = _("local alias")
        verbose_name_plural = _("local aliases")
        constraints = [
            models.UniqueConstraint(
                fields=["entry", "name"], name="entry_alias_unique_name"
            )
        ]

    def __str__(self) -> str:
        return self.name


class PartnerMatchManager(models.Manager):
    """Matches are always shown with their entry and list (and so is
    partner.named_list_matches, which uses this manager)."""

    def get_queryset(self) -> models.QuerySet:
        return super().get_queryset().select_related("entry__named_list", "decided_by")


class PartnerMatch(models.Model):
    """A partner that resembles a list entry, and the contact point's decision."""

    class Status(models.TextChoices):
        # "Pending": awaiting the contact point's decision.
        CANDIDATE = "candidate", _("Pending")
        CONFIRMED = "confirmed", _("Confirmed")
        DISMISSED = "dismissed", _("Dismissed")

    partner = models.ForeignKey(
        "agreements.Partner",
        verbose_name=_("partner"),
        on_delete=models.CASCADE,
        related_name="named_list_matches",
    )
    entry = models.ForeignKey(
        NamedListEntry,
        verbose_name=_("list entry"),
        on_delete=models.CASCADE,
        related_name="partner_matches",
    )
    score = models.FloatField(_("score"))
    matched_name = models.CharField(_("matched name"), max_length=500)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.CANDIDATE
    )
    reason = models.TextField(_("reason"), blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decided_fingerprint = models.CharField(max_length=64, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = PartnerMatchManager()

    class Meta:
        ordering = ["-score"]
        verbose_name = _("named-list match")
        verbose_name_plural = _("named-list matches")
        constraints = [
            models.UniqueConstraint(
                fields=["partner", "entry"], name="partner_match_unique_entry"
            )
        ]

    def __str__(self) -> str:
        return f"{self.partner} ~ {self.entry}"

    @property
    def is_probable(self) -> bool:
        return self.score >= 0.70

    @property
    def matched_alias(self) -> EntryAlias | None:
        """The project's or a contact point's alias the match was made on."""
        return self.entry.local_aliases.filter(name=self.matched_name).first()

    @property
    def is_pending(self) -> bool:
        return self.status == self.Status.CANDIDATE

    def fact(self) -> Fact:
        """The partner flag this match stands for (see `FLAGGING`)."""
        named_list = self.entry.named_list
        sanctions = named_list.kind == NamedList.Kind.SANCTIONS
        return Fact(
            "sanctions_list" if sanctions else "named_list",
            self.status,  # "confirmed", or "candidate" for a sanctions match
            source=named_list.title,
            edition=named_list.edition,
            licence=named_list.licence,
            url=named_list.source_url,
            detail=self.entry.name,
        )


# The matches that are partner flags: every confirmed one, and a probable
# match on a sanctions list while it awaits the contact point's decision.
FLAGGING = models.Q(status=PartnerMatch.Status.CONFIRMED) | models.Q(
    status=PartnerMatch.Status.CANDIDATE,
    score__gte=PROBABLE,
    entry__active=True,
    entry__named_list__kind=NamedList.Kind.SANCTIONS,
)


class PartnerMatchDecision(models.Model):
    """One decision on a match, kept for good: who, when, why, and the state
    before (a later decision adds a row; nothing is overwritten)."""

    match = models.ForeignKey(
        PartnerMatch,
        verbose_name=_("match"),
        on_delete=models.CASCADE,
        related_name="decisions",
    )
    status_before = models.CharField(
        _("state before"), max_length=20, choices=PartnerMatch.Status.choices
    )
    status = models.CharField(
        _("decision"), max_length=20, choices=PartnerMatch.Status.choices
    )
    reason = models.TextField(_("reason"), blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("decided at"))
    entry_fingerprint = models.CharField(max_length=64, blank=True)

    class Meta:
        ordering = ["decided_at", "pk"]
        verbose_name = _("match decision")
        verbose_name_plural = _("match decisions")

    def __str__(self) -> str:
        return f"{self.match}: {self.status_before} -> {self.status}"
