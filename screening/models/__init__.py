"""Screening models, one module per area. Each area adds its import line here."""
