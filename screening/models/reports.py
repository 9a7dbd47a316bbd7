"""Generated PDF reports: one row per request, rendered by the Celery worker."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext


class ReportQuerySet(models.QuerySet):
    def pending(self) -> ReportQuerySet:
        return self.filter(status__in=[Report.Status.QUEUED, Report.Status.RENDERING])

    def stuck(self, now: dt.datetime) -> ReportQuerySet:
        """Queued or rendering for longer than any render may take."""
        cutoff = now - dt.timedelta(seconds=settings.REPORT_STUCK_AFTER)
        queued = Q(status=Report.Status.QUEUED) & (
            Q(queued_at__lt=cutoff) | Q(queued_at=None, created_at__lt=cutoff)
        )
        rendering = Q(status=Report.Status.RENDERING, started_at__lt=cutoff)
        return self.filter(queued | rendering)


class Report(models.Model):
    """A screening report or an institution summary, as requested by one user.

    `data_fingerprint` hashes the data the report is (to be) made from; when the
    data changes, a ready report is out of date and a new request makes a new row.
    """

    class Kind(models.TextChoices):
        SCREENING = "screening", _("Screening report")
        SUMMARY = "summary", _("Institution risk summary")

    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        RENDERING = "rendering", _("Rendering")
        READY = "ready", _("Ready")
        FAILED = "failed", _("Failed")

    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    screening = models.ForeignKey(
        "screening.Screening",
        verbose_name=_("screening"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="reports",
    )
    params = models.JSONField(_("parameters"), default=dict, blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("requested by"),
        on_delete=models.PROTECT,
        related_name="reports",
    )
    language = models.CharField(_("language"), max_length=5, default="nb")
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.QUEUED
    )
    error = models.TextField(_("error"), blank=True)
    file_name = models.CharField(_("file"), max_length=300, blank=True)
    pages = models.PositiveIntegerField(_("pages"), null=True, blank=True)
    size = models.PositiveIntegerField(_("size in bytes"), null=True, blank=True)
    duration = models.FloatField(_("rendering time in seconds"), null=True, blank=True)
    data_fingerprint = models.CharField(_("data fingerprint"), max_length=64)
    attempts = models.PositiveIntegerField(_("attempts"), default=0)
    requeues = models.PositiveIntegerField(_("times queued again"), default=0)
    created_at = models.DateTimeField(_("requested at"), auto_now_add=True)
    queued_at = models.DateTimeField(_("queued at"), null=True, blank=True)
    started_at = models.DateTimeField(_("started at"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)

    objects = ReportQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("report")
        verbose_name_plural = _("reports")
        indexes = [
            models.Index(fields=["requested_by", "-created_at"], name="report_user_idx")
        ]
        constraints = [
            # One pending report per request: a double-click or three tabs that
            # ask at once get the same report (the fingerprint covers the
            # screening or the summary's filter).
            models.UniqueConstraint(
                fields=["requested_by", "kind", "language", "data_fingerprint"],
                condition=models.Q(status__in=["queued", "rendering"]),
                name="report_one_pending_per_request",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} #{self.pk}"

    def get_absolute_url(self) -> str:
        return f"/reports/{self.pk}/"

    @property
    def is_pending(self) -> bool:
        return self.status in (self.Status.QUEUED, self.Status.RENDERING)

    def is_stuck(self, now: dt.datetime | None = None) -> bool:
        """Pending for longer than `REPORT_STUCK_AFTER` (see `stuck`)."""
        if not self.is_pending:
            return False
        since = (
            self.started_at
            if self.status == self.Status.RENDERING
            else self.queued_at or self.created_at
        )
        limit = dt.timedelta(seconds=settings.REPORT_STUCK_AFTER)
        return since is None or since < (now or timezone.now()) - limit

    def may_retry(self) -> bool:
        """Failed, or stuck: the user need not wait for the watchdog."""
        return self.status == self.Status.FAILED or self.is_stuck()

    @property
    def download_name(self) -> str:
        """In the report's language, e.g. samarbeidssjekk-vurderingsrapport-12.pdf."""
        with translation.override(self.language):
            stem = {
                self.Kind.SCREENING: pgettext("file name", "screening-report"),
                self.Kind.SUMMARY: pgettext("file name", "risk-summary"),
            }.get(self.kind, self.kind)
        return f"samarbeidssjekk-{stem}-{self.pk}.pdf"
