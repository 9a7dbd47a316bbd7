"""One counter that moves whenever the register or a screening changes."""

from __future__ import annotations

from django.db import models


class DataVersion(models.Model):
    """A single row. Cached pages are keyed on its number (see config.fragments),
    so every change makes them stale at once, in every process."""

    number = models.BigIntegerField(default=0)

    class Meta:
        verbose_name = "data version"

    def __str__(self) -> str:
        return f"data version {self.number}"
