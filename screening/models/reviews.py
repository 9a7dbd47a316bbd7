"""The review of a submitted screening: transitions, comments, route tasks.

Rows here are written only by `screening.services.reviews`; every change of a
screening's status after submission leaves a `Transition` with who, when, why
and a snapshot of the result (and the answers) at that moment.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

# Route keys of the questionnaire (its `routes` section). Only export control
# has a role in the system; the others are confirmed by the contact point.
EXPORT_CONTROL_ROUTE = "R-EC"
ROUTE_SLUGS = {
    "export-control": "R-EC",
    "contact-point": "R-CP",
    "data-protection": "R-DPO",
    "security": "R-SEC",
    "hr": "R-HR",
    "legal": "R-LEGAL",
    "international-office": "R-INT",
    "ethics": "R-ETHICS",
    "leadership": "R-LEAD",
    "asset-owner": "R-OWNER",
}
ROUTE_NAMES = {
    "R-CP": _("Contact point"),
    "R-EC": _("Export control officer"),
    "R-DPO": _("Data protection officer"),
    "R-SEC": _("Security and IT"),
    "R-HR": _("HR"),
    "R-LEGAL": _("Legal and contracts"),
    "R-INT": _("International office and emergency preparedness"),
    "R-ETHICS": _("Research ethics adviser"),
    "R-LEAD": _("Leadership approval"),
    "R-OWNER": _("Owner of a registered asset"),
}


class Transition(models.Model):
    """One step of a screening's life after the draft: submit, decide, route."""

    class Action(models.TextChoices):
        SUBMIT = "submit", _("Submitted")
        START_REVIEW = "start_review", _("Review started")
        ROUTE = "route", _("Routed to export control")
        REQUEST_CHANGES = "request_changes", _("Changes requested")
        APPROVE = "approve", _("Approved")
        APPROVE_WITH_CONDITIONS = (
            "approve_with_conditions",
            _("Approved with conditions"),
        )
        REJECT = "reject", _("Rejected")
        WITHDRAW = "withdraw", _("Withdrawn")
        REOPEN = "reopen", _("Reopened")
        OVERRIDE_SIGN_OFF = "override_sign_off", _("Sign-off overridden")
        CLOSE_TASKS = "close_tasks", _("Open tasks closed")
        OWN_CASE = "own_case", _("Reviewed by its own author (one-person office)")

    DECISIONS = (
        Action.REQUEST_CHANGES,
        Action.APPROVE,
        Action.APPROVE_WITH_CONDITIONS,
        Action.REJECT,
    )

    screening = models.ForeignKey(
        "screening.Screening",
        verbose_name=_("screening"),
        on_delete=models.CASCADE,
        related_name="transitions",
    )
    action = models.CharField(_("action"), max_length=30, choices=Action.choices)
    from_status = models.CharField(_("from status"), max_length=30)
    to_status = models.CharField(_("to status"), max_length=30)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    comment = models.TextField(_("comment"), blank=True)
    result = models.JSONField(_("result at that moment"), default=dict, blank=True)
    answers = models.JSONField(_("answers at that moment"), default=dict, blank=True)
    overall_level = models.CharField(_("overall level"), max_length=20, blank=True)
    created_at = models.DateTimeField(_("when"), auto_now_add=True, db_index=True)
    notified_at = models.DateTimeField(_("notified"), null=True, blank=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("review step")
        verbose_name_plural = _("review steps")

    def __str__(self) -> str:
        return f"{self.screening_id}: {self.action}"

    @property
    def is_decision(self) -> bool:
        return self.action in self.DECISIONS


class Comment(models.Model):
    """A comment on one answer (question_key) or on the whole case (blank key)."""

    screening = models.ForeignKey(
        "screening.Screening",
        verbose_name=_("screening"),
        on_delete=models.CASCADE,
        related_name="comments",
    )
    question_key = models.CharField(_("question"), max_length=100, blank=True)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("reply to"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="replies",
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    body = models.TextField(_("comment"))
    created_at = models.DateTimeField(_("written"), auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("review comment")
        verbose_name_plural = _("review comments")
        indexes = [models.Index(fields=["screening", "question_key"])]

    def __str__(self) -> str:
        return f"{self.screening_id}/{self.question_key or '*'}: {self.body[:40]}"


class RouteTask(models.Model):
    """Someone who must be involved (a route of the result) and what they said."""

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        CLEARED = "cleared", _("Cleared")
        LICENCE_REQUIRED = "licence_required", _("Licence required")
        CONFIRMED = "confirmed", _("Confirmed")
        OVERRIDDEN = "overridden", _("Overridden")
        CANCELLED = "cancelled", _("Cancelled by the decision")

    screening = models.ForeignKey(
        "screening.Screening",
        verbose_name=_("screening"),
        on_delete=models.CASCADE,
        related_name="route_tasks",
    )
    route = models.CharField(_("route"), max_length=20, db_index=True)
    mandatory = models.BooleanField(_("mandatory"), default=False)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.OPEN
    )
    reference = models.CharField(_("reference"), max_length=200, blank=True)
    comment = models.TextField(_("comment"), blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("recorded"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    notified_at = models.DateTimeField(_("notified"), null=True, blank=True)

    class Meta:
        ordering = ["-mandatory", "route"]
        verbose_name = _("route task")
        verbose_name_plural = _("route tasks")
        constraints = [
            models.UniqueConstraint(
                fields=["screening", "route"], name="route_task_unique_route"
            )
        ]

    def __str__(self) -> str:
        return f"{self.screening_id}: {self.route} ({self.status})"

    @property
    def name(self) -> str:
        return str(ROUTE_NAMES.get(self.route, self.route))

    @property
    def is_open(self) -> bool:
        return self.status == self.Status.OPEN

    @property
    def is_export_control(self) -> bool:
        return self.route == EXPORT_CONTROL_ROUTE


class ReviewReminder(models.Model):
    """A reminder sent for a review waiting too long: once per submission and limit."""

    screening = models.ForeignKey(
        "screening.Screening",
        verbose_name=_("screening"),
        on_delete=models.CASCADE,
        related_name="review_reminders",
    )
    submitted_at = models.DateTimeField(_("submitted"))
    days = models.PositiveIntegerField(_("days waiting"))
    sent_at = models.DateTimeField(_("sent"), auto_now_add=True)

    class Meta:
        verbose_name = _("review reminder")
        verbose_name_plural = _("review reminders")
        constraints = [
            models.UniqueConstraint(
                fields=["screening", "submitted_at", "days"],
                name="review_reminder_once",
            )
        ]

    def __str__(self) -> str:
        return f"{self.screening_id}: {self.days} days"


class FollowUp(models.Model):
    """A condition of an approval that someone must carry out by a date."""

    screening = models.ForeignKey(
        "screening.Screening",
        verbose_name=_("screening"),
        on_delete=models.CASCADE,
        related_name="follow_ups",
    )
    decision = models.ForeignKey(
        Transition,
        verbose_name=_("decision"),
        on_delete=models.CASCADE,
        related_name="follow_ups",
    )
    text = models.TextField(_("condition"))
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("responsible"),
        on_delete=models.PROTECT,
        related_name="follow_ups",
    )
    due_date = models.DateField(_("due"), db_index=True)
    reminded_at = models.DateTimeField(_("reminded"), null=True, blank=True)
    done_at = models.DateTimeField(_("done"), null=True, blank=True)
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("done by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    done_note = models.TextField(_("what was done"), blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["due_date", "pk"]
        verbose_name = _("follow-up")
        verbose_name_plural = _("follow-ups")

    def __str__(self) -> str:
        return f"{self.screening_id}: {self.text[:40]} ({self.due_date})"

    @property
    def is_done(self) -> bool:
        return self.done_at is not None
