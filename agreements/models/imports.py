from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ImportPreview(models.Model):
    """One uploaded register, previewed and waiting to be confirmed.

    Its token is in the confirm form. Confirming locks this row first and
    records the result on it, so a second confirm of the same preview (a
    double-click, a resent form) imports nothing and reports the first result.
    """

    token = models.CharField(max_length=64, unique=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    file_path = models.CharField(max_length=255)
    file_name = models.CharField(_("file name"), max_length=255)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    created_count = models.PositiveIntegerField(default=0)
    updated_count = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("import preview")
        verbose_name_plural = _("import previews")

    def __str__(self) -> str:
        return self.file_name

    @property
    def is_confirmed(self) -> bool:
        return self.confirmed_at is not None
