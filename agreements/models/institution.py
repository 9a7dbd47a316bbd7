"""The institution's own settings: one row, edited by the contact point.

Today it holds the institution's main language. State universities and
university colleges must offer bokmål and nynorsk side by side (språklova § 14);
some, such as Høgskulen på Vestlandet, work in nynorsk. The main language is
what the login page shows and what a new account starts with; each person can
still choose another language, and that choice is kept on their account.
"""

from __future__ import annotations

from django.core.cache import cache
from django.db import DatabaseError, models
from django.utils.translation import gettext_lazy as _

CACHE_KEY = "institution-settings"
CACHE_SECONDS = 60  # other processes see a change within a minute


class InstitutionSettings(models.Model):
    class Language(models.TextChoices):
        NB = "nb", _("Norwegian bokmål")
        NN = "nn", _("Norwegian nynorsk")

    default_language = models.CharField(
        _("main language"),
        max_length=5,
        choices=Language.choices,
        default=Language.NB,
        help_text=_(
            "The language of the login page and of new accounts. Everyone can "
            "still choose another language for themselves."
        ),
    )

    # Four-eyes: whoever wrote or submitted a screening may not
    # review it. Only the administrator may lift that, for a one-person office;
    # every use is recorded in the screening's history.
    allow_own_review = models.BooleanField(
        _("one-person office: authors may review their own screenings"),
        default=False,
        help_text=_(
            "Only for an office with a single contact point. Every review of "
            "one's own screening is recorded in its history."
        ),
    )

    class Meta:
        verbose_name = _("institution settings")
        verbose_name_plural = _("institution settings")

    def __str__(self) -> str:
        return str(_("Institution settings"))

    def save(self, *args, **kwargs) -> None:
        self.pk = 1  # one row only
        super().save(*args, **kwargs)
        cache.delete(CACHE_KEY)

    @classmethod
    def current(cls) -> InstitutionSettings:
        """The settings row (an unsaved default when nobody has saved one yet)."""
        found = cache.get(CACHE_KEY)
        if found is None:
            try:
                found = cls.objects.filter(pk=1).first() or cls(pk=1)
            except DatabaseError:  # database down (healthz) or not migrated yet
                return cls(pk=1)
            cache.set(CACHE_KEY, found, CACHE_SECONDS)
        return found


def default_language() -> str:
    """A new account's language: the institution's main language."""
    return InstitutionSettings.current().default_language
