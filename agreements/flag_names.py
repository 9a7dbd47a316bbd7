"""The overview's warning flags by name: key, label and short label.

When each flag is raised is a database condition in agreements.flags; this
module holds only the names, so the Agreement model can list its raised flags
without importing the queries that import it.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Flag:
    key: str
    label: Promise
    short: Promise


FLAGS = (
    Flag("expires_soon", _("Expires within 90 days"), _("Expires soon")),
    Flag("expired_active", _("Expired but marked active"), _("Expired, active")),
    Flag("no_screening", _("No screening"), _("No screening")),
    Flag(
        "screening_stale",
        _("Screening older than the review interval"),
        _("Screening outdated"),
    ),
    Flag("no_termination", _("No termination clause"), _("No termination clause")),
    Flag(
        "named_list",
        _("Partner with a confirmed named-list match"),
        _("Confirmed match"),
    ),
    Flag(
        "named_list_pending",
        _("Partner with a probable named-list match awaiting decision"),
        _("Probable match awaiting decision"),
    ),
    Flag("sanctions", _("Country under sanctions"), _("Sanctions")),
    Flag("low_af", _("Country with low academic freedom"), _("Low academic freedom")),
)
FLAG_KEYS = tuple(flag.key for flag in FLAGS)
BY_KEY = {flag.key: flag for flag in FLAGS}
