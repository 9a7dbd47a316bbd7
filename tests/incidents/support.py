"""Reports for the incident tests (the shared factories stay untouched)."""

from __future__ import annotations

import datetime

from incidents import services
from tests import factories as f


def report(reporter=None, **kwargs):
    """A report made through the service, as a user would send it."""
    fields = {
        "what_happened": "A visitor asked to copy our lab data.",
        "occurred_on": datetime.date(2026, 11, 2),
    }
    fields.update(kwargs)
    return services.submit_report(by=reporter or f.researcher(), **fields)
