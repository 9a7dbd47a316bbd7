"""Screening models, one module per area. Each area adds its import line here."""

from screening.models.screenings import Screening, ScreeningQuerySet  # noqa: F401
