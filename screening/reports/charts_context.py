"""The summary's charts and their table rows, shared by dashboard and PDF."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from screening.reports import charts
from screening.reports.summary import HIGH_LEVELS, LEVELS, Summary, level_names


def build_charts(data: Summary, *, prefix: str) -> dict[str, Any]:
    names = level_names()
    levels = [(key, str(names[key])) for key in LEVELS]
    by_level = charts.bar_chart(
        [charts.Bar(name, data.by_level.get(key, 0), key) for key, name in levels],
        title=_("Screenings by risk level"),
        desc=_("Number of screenings at each overall risk level; see the table."),
        chart_id=f"{prefix}-levels",
    )
    over_time = charts.stacked_columns(
        [(m["short"], m["levels"]) for m in data.by_month],
        keys=levels,
        title=_("Risk levels over time"),
        desc=_("Screenings per month, stacked by overall risk level; see the table."),
        chart_id=f"{prefix}-time",
    )
    by_quarter = charts.stacked_columns(
        [(q["short"], q["levels"]) for q in data.by_quarter],
        keys=levels,
        title=_("Screenings per quarter"),
        desc=_(
            "Screenings per quarter, stacked by overall risk level; quarters "
            "without screenings are shown empty; see the table."
        ),
        chart_id=f"{prefix}-quarters",
    )
    by_country = charts.bar_chart(
        [charts.Bar(str(g["name"]), g["total"]) for g in data.by_country],
        title=_("Screenings by country"),
        desc=_(
            "Number of screenings per partner country, largest first; see the table."
        ),
        chart_id=f"{prefix}-country",
    )
    by_unit = charts.bar_chart(
        [charts.Bar(str(g["name"]), g["total"]) for g in data.by_unit],
        title=_("Screenings by unit"),
        desc=_("Number of screenings per unit, largest first; see the table."),
        chart_id=f"{prefix}-unit",
    )
    by_dimension = charts.bar_chart(
        [
            charts.Bar(
                str(d["name"]),
                sum(d["levels"].get(key, 0) for key in HIGH_LEVELS),
                "high",
            )
            for d in data.by_dimension
        ],
        title=_("High or very high, by dimension"),
        desc=_(
            "Screenings rated high or very high in each risk dimension; see the table."
        ),
        chart_id=f"{prefix}-dimension",
    )
    return {
        "levels": levels,
        "chart_levels": by_level,
        "chart_time": over_time,
        "chart_quarters": by_quarter,
        "chart_country": by_country,
        "chart_unit": by_unit,
        "chart_dimension": by_dimension,
    }
