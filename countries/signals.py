"""The facts behind screenings changed: who listens re-scores.

Countries, the register (partners, named lists, incidents) and the value
register are below
screening, so they do not call it: they send `facts_changed` and the screening
app, which connects a receiver in its ready(), re-scores on commit
(screening.services.rescoring.enqueue).

Arguments: partner_ids (partner keys), countries (ISO alpha-2 codes),
asset_ids (value-register assets) and cause ({"kind": ..., and what the
page and e-mail say about it}).
"""

from __future__ import annotations

from django.dispatch import Signal

facts_changed = Signal()
