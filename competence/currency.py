"""When a course completion is current: pure date rules, no Django.

A course renewed every N months counts from the day it was taken: taken on
15 January with 12 months, it is current up to and including 14 January the
next year and expired from 15 January. A course with no renewal period never
expires. The database queries (competence.status, competence.coverage) use
`earliest_current` so they draw the line on exactly the same day.
"""

from __future__ import annotations

import calendar
from datetime import date, timedelta

CURRENT = "current"
EXPIRED = "expired"
MISSING = "missing"


def add_months(day: date, months: int) -> date:
    """The same day `months` later (or earlier, if negative), clamped to the
    month's last day (31 January + 1 month is 28 or 29 February)."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return date(year, month + 1, min(day.day, last))


def earliest_current(today: date, renew_months: int | None) -> date | None:
    """The earliest completion date still current today; None if any date is."""
    if renew_months is None:
        return None
    return add_months(today, -renew_months) + timedelta(days=1)


def renew_by(completed_on: date, renew_months: int | None) -> date | None:
    """The day from which the completion no longer counts (None: never)."""
    if renew_months is None:
        return None
    return add_months(completed_on, renew_months)


def state(completed_on: date | None, renew_months: int | None, today: date) -> str:
    """current, expired or missing for the latest completion of one course."""
    if completed_on is None:
        return MISSING
    since = earliest_current(today, renew_months)
    if since is None or completed_on >= since:
        return CURRENT
    return EXPIRED
