"""The institution's courses and briefings, and who has completed them."""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from competence import currency


class Course(models.Model):
    """A course or briefing the institution offers (guidelines: build
    competence and awareness)."""

    title = models.CharField(_("title"), max_length=200)
    url = models.URLField(_("link"), max_length=500, blank=True)
    description = models.TextField(_("description"), blank=True)
    renew_months = models.PositiveSmallIntegerField(
        _("renew every (months)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(120)],
        help_text=_("Leave blank if a completion never expires."),
    )
    required_in_screenings = models.BooleanField(
        _("required for researchers in screenings"),
        default=False,
        help_text=_(
            "Screenings show whether the researchers named on them are current "
            "on this course, and the coverage figures count it."
        ),
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["title"]
        verbose_name = _("course")
        verbose_name_plural = _("courses")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("competence:course_list") + f"#course-{self.pk}"

    def earliest_current(self, today: date) -> date | None:
        return currency.earliest_current(today, self.renew_months)


class Completion(models.Model):
    """One person took one course on one day."""

    course = models.ForeignKey(
        Course,
        verbose_name=_("course"),
        on_delete=models.CASCADE,
        related_name="completions",
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="completions",
    )
    completed_on = models.DateField(_("completed on"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-completed_on"]
        verbose_name = _("completion")
        verbose_name_plural = _("completions")
        constraints = [
            models.UniqueConstraint(
                fields=["course", "user", "completed_on"],
                name="completion_once_per_day",
            )
        ]
        indexes = [models.Index(fields=["user", "course", "completed_on"])]

    def __str__(self) -> str:
        return f"{self.user} · {self.course} · {self.completed_on}"
