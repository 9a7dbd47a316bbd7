"""Review e-mails that could not be delivered, for the contact point to see."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class UndeliveredEmail(models.Model):
    """A review e-mail still unsent after every retry (screening.tasks).

    Listed on the review queue for the contact point, with a button that
    sends it again; the row goes when it is sent again.
    """

    class Kind(models.TextChoices):
        SUBMITTED = "submitted", _("Screening submitted for review")
        ROUTED = "routed", _("Export control assessment needed")
        DECISION = "decision", _("Decision on the screening")
        LEVEL_CHANGED = "level_changed", _("Risk level changed")

    screening = models.ForeignKey(
        "screening.Screening",
        verbose_name=_("screening"),
        on_delete=models.CASCADE,
        related_name="undelivered_emails",
    )
    kind = models.CharField(_("e-mail"), max_length=20, choices=Kind.choices)
    # The Transition (submitted, decision) or RouteTask (routed) it is about.
    object_id = models.PositiveBigIntegerField()
    recipients = models.JSONField(_("recipients"), default=list)
    error = models.CharField(_("error"), max_length=200)
    failed_at = models.DateTimeField(_("given up"), auto_now_add=True)

    class Meta:
        ordering = ["-failed_at", "-pk"]
        verbose_name = _("undelivered e-mail")
        verbose_name_plural = _("undelivered e-mails")

    def __str__(self) -> str:
        return f"{self.kind} {self.object_id}"
