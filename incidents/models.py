"""Reports of pressure and security incidents (issue 22): a channel open to
every signed-in user at any time, outside any screening.

A report is a case with a number (V-2026-0007), a status and a thread between
the reporter and the contact point. The reporter is always stored and always
visible to the contact point; `anonymous` hides the name from everyone else
who may see the case (export control, when the case is routed there).
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from agreements import roles


class IncidentReportQuerySet(models.QuerySet):
    def visible_to(self, user: Any) -> IncidentReportQuerySet:
        """The reporter sees their own; the contact point all; export control
        those routed to it. Nobody else, leadership included."""
        if not getattr(user, "is_authenticated", False):
            return self.none()
        if roles.is_contact_point(user):
            return self
        own = Q(reporter=user)
        if roles.is_export_control(user):
            return self.filter(own | Q(routed_at__isnull=False))
        return self.filter(own)


class IncidentReport(models.Model):
    class Status(models.TextChoices):
        RECEIVED = "received", _("Received")
        IN_PROGRESS = "in_progress", _("In progress")
        CLOSED = "closed", _("Closed")

    year = models.PositiveSmallIntegerField(_("year"))
    number = models.PositiveIntegerField(_("number"))
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reported by"),
        on_delete=models.PROTECT,
        related_name="incident_reports",
    )
    anonymous = models.BooleanField(
        _("name hidden from colleagues other than the contact point"), default=False
    )
    what_happened = models.TextField(_("what happened"), max_length=5000)
    occurred_on = models.DateField(_("when it happened"))
    partner = models.ForeignKey(
        "agreements.Partner",
        verbose_name=_("partner"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    country = models.ForeignKey(
        "countries.Country",
        verbose_name=_("country"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.RECEIVED
    )
    routed_at = models.DateTimeField(_("routed to export control"), null=True)
    routed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("routed by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # The partner's incident record made from this case (the partner flag).
    partner_incident = models.OneToOneField(
        "agreements.PartnerIncident",
        verbose_name=_("partner incident"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="report",
    )
    created_at = models.DateTimeField(_("received"), auto_now_add=True)
    # When the e-mails about it were handed to the mail server.
    notified_at = models.DateTimeField(null=True, editable=False)
    routed_notified_at = models.DateTimeField(null=True, editable=False)
    history = HistoricalRecords(excluded_fields=["notified_at", "routed_notified_at"])

    objects = IncidentReportQuerySet.as_manager()

    class Meta:
        ordering = ["-year", "-number"]
        verbose_name = _("report of pressure or an incident")
        verbose_name_plural = _("reports of pressure or incidents")
        constraints = [
            models.UniqueConstraint(
                fields=["year", "number"], name="incident_report_number_unique"
            )
        ]

    def __str__(self) -> str:
        return self.case_number

    def get_absolute_url(self) -> str:
        return reverse("incidents:detail", args=[self.pk])

    @property
    def case_number(self) -> str:
        return f"V-{self.year}-{self.number:04d}"

    def reporter_name_for(self, viewer: Any) -> str | None:
        """The reporter's name as `viewer` may see it; None when hidden."""
        if (
            not self.anonymous
            or viewer.pk == self.reporter_id
            or roles.is_contact_point(viewer)
        ):
            return str(self.reporter)
        return None


class CaseCounter(models.Model):
    """The last case number given out in a year. Taking a number is an UPDATE
    of this row, which holds its lock until the report is saved: two reports
    sent at once get consecutive numbers, never the same one."""

    year = models.PositiveSmallIntegerField(primary_key=True)
    last = models.PositiveIntegerField(default=0)

    def __str__(self) -> str:
        return f"{self.year}: {self.last}"


class IncidentMessage(models.Model):
    """One message in a case's thread, by the reporter or the contact point."""

    report = models.ForeignKey(
        IncidentReport,
        verbose_name=_("report"),
        on_delete=models.CASCADE,
        related_name="messages",
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("written by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    text = models.TextField(_("message"), max_length=5000)
    created_at = models.DateTimeField(_("sent"), auto_now_add=True)
    notified_at = models.DateTimeField(null=True, editable=False)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("message")
        verbose_name_plural = _("messages")

    def __str__(self) -> str:
        return f"{self.report}: {self.created_at:%Y-%m-%d %H:%M}"

    @property
    def by_reporter(self) -> bool:
        return self.author_id == self.report.reporter_id
