"""When a completion is current: the pure date rules."""

from __future__ import annotations

from datetime import date

import pytest

from competence import currency
from competence.currency import CURRENT, EXPIRED, MISSING


@pytest.mark.parametrize(
    ("completed_on", "months", "today", "expected"),
    [
        (None, 12, date(2026, 6, 1), MISSING),
        (None, None, date(2026, 6, 1), MISSING),
        (date(2000, 1, 1), None, date(2026, 6, 1), CURRENT),  # never expires
        (date(2026, 1, 15), 12, date(2026, 6, 1), CURRENT),
        (date(2026, 1, 15), 12, date(2027, 1, 14), CURRENT),  # last day
        (date(2026, 1, 15), 12, date(2027, 1, 15), EXPIRED),  # first day out
        (date(2026, 1, 15), 1, date(2026, 3, 1), EXPIRED),
    ],
)
def test_state(completed_on, months, today, expected):
    assert currency.state(completed_on, months, today) == expected


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (date(2026, 1, 31), 1, date(2026, 2, 28)),
        (date(2024, 1, 31), 1, date(2024, 2, 29)),
        (date(2026, 11, 30), 3, date(2027, 2, 28)),
        (date(2026, 3, 31), -1, date(2026, 2, 28)),
        (date(2026, 1, 15), -13, date(2024, 12, 15)),
    ],
)
def test_add_months_clamps_to_the_last_day_of_the_month(day, months, expected):
    assert currency.add_months(day, months) == expected


def test_renew_by_is_the_first_day_the_completion_no_longer_counts():
    done = date(2026, 1, 15)
    renew = currency.renew_by(done, 12)
    assert renew == date(2027, 1, 15)
    assert currency.state(done, 12, renew) == EXPIRED
    assert currency.renew_by(done, None) is None


def test_earliest_current_agrees_with_state_every_day_of_a_year():
    done = date(2026, 1, 31)
    for offset in range(400):
        today = date.fromordinal(done.toordinal() + offset)
        since = currency.earliest_current(today, 1)
        assert (currency.state(done, 1, today) == CURRENT) == (done >= since)


def test_the_rules_import_nothing_from_django():
    import ast
    from pathlib import Path

    tree = ast.parse(Path(currency.__file__).read_text(encoding="utf-8"))
    imported = {
        name
        for node in ast.walk(tree)
        if isinstance(node, ast.Import | ast.ImportFrom)
        for name in (
            [node.module or ""]
            if isinstance(node, ast.ImportFrom)
            else [a.name for a in node.names]
        )
    }
    assert not any(name.startswith("django") for name in imported), imported
    assert "datetime" in imported
