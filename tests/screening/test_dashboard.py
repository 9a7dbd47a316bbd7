"""The dashboard: constant queries, one query for the dimensions, local dates."""

from __future__ import annotations

import datetime
import itertools
import re

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from screening.models import Screening
from screening.reports import charts, dimensions
from screening.reports.summary import LEVELS
from tests import factories
from tests.screening.reports_support import result_json, scored_screening


def _screening(i: int, **kwargs) -> Screening:
    """A scored screening whose dimension levels vary with i."""
    result = result_json()
    for n, dim in enumerate(result["dimensions"]):
        dim["level"] = LEVELS[(i + n) % 4]
    fields = {
        "result": result,
        "overall_level": LEVELS[i % 4],
        "status": "in_review" if i % 3 else "submitted",
        "title": f"Samarbeid {i}",
        **kwargs,
    }
    return scored_screening(**fields)


def _add(start: int, stop: int, *, ending_in: int) -> None:
    today = timezone.localdate()
    for i in range(start, stop):
        country = factories.CountryFactory(name_nb=f"Land {i}")
        _screening(i, country=country)
        end = today + datetime.timedelta(days=ending_in + i)
        factories.AgreementFactory(end_date=end)


def test_the_dimension_counts_take_one_query_and_add_up(db):
    for i in range(6):
        _screening(i)
    _screening(7, status="draft")  # filtered out below
    counted = Screening.objects.exclude(status="draft")
    with CaptureQueriesContext(connection) as queries:
        rows = dimensions.count_levels(counted, LEVELS)
    assert len(queries) == 1
    by_key = {row["key"]: row for row in rows}
    assert list(by_key) == ["AF", "SEC", "EXP", "DP", "REP"]
    assert all(row["total"] == 6 for row in rows)
    # AF is at LEVELS[i % 4] for i in 0..5: low, medium, high, very_high, low, medium
    assert by_key["AF"]["cells"] == [2, 2, 1, 1, 0]
    assert by_key["SEC"]["cells"] == [1, 2, 2, 1, 0]


def test_the_dimension_counts_follow_a_result_scored_again(db):
    screening = _screening(0)  # AF low
    result = screening.result
    result["dimensions"][0]["level"] = "very_high"
    result["dimensions"].reverse()  # another definition may list them in any order
    screening.result = result
    screening.save(update_fields=["result"])
    rows = dimensions.count_levels(Screening.objects.all(), LEVELS)
    assert rows[0]["key"] == "AF"
    assert rows[0]["cells"] == [0, 0, 0, 1, 0]


def test_the_dashboard_makes_as_many_queries_at_10_screenings_as_at_40(
    client_for, leader
):
    client = client_for(leader)
    _add(0, 10, ending_in=400)  # none expire soon: an empty list
    with CaptureQueriesContext(connection) as few:
        assert client.get("/dashboard/").status_code == 200
    _add(10, 40, ending_in=1)
    with CaptureQueriesContext(connection) as many:
        page = client.get("/dashboard/").content.decode()
    assert "Samarbeid 39" in page
    assert page.count("University of Example") >= 30  # expiring, with partners
    assert len(many) == len(few), [q["sql"][:120] for q in many["captured_queries"]]


def test_the_dashboard_shows_local_short_dates_not_iso(client_for, leader):
    submitted = datetime.datetime(2025, 3, 10, 12, tzinfo=datetime.UTC)
    scored_screening(status="in_review", submitted_at=submitted)
    end = timezone.localdate() + datetime.timedelta(days=20)
    factories.AgreementFactory(end_date=end)
    page = client_for(leader).get("/dashboard/").content.decode()
    assert "10.03.2025" in page
    assert end.strftime("%d.%m.%Y") in page
    assert timezone.localdate().strftime("%d.%m.%Y") in page  # "per <today>"
    assert not re.search(r"\b20\d\d-\d\d-\d\d\b", page.split("<main", 1)[1])
    assert '<th scope="row">mars 2025</th>' in page


def test_a_long_trend_labels_only_every_few_months_so_labels_never_overlap():
    columns = [(f"Jan {2000 + i}", {"low": i}) for i in range(24)]
    svg = charts.stacked_columns(
        columns, keys=[("low", "Lav")], title="t", desc="d", chart_id="c"
    )
    labels = re.findall(r'text-anchor="middle"[^>]*>([^<]+)<', svg)
    assert 4 <= len(labels) < 24
    assert labels[-1] == "Jan 2023"  # the latest month is always named
    positions = [float(x) for x in re.findall(r'<text x="([\d.]+)"[^>]*middle', svg)]
    gaps = [b - a for a, b in itertools.pairwise(positions)]
    assert min(gaps) >= len("Jan 2023") * 6.5


def test_the_lists_name_partner_country_and_unit(client_for, leader):
    registered = scored_screening(status="in_review")
    proposed = scored_screening(
        title="Sommerskole", partner=None, proposed_partner_name="Ny høgskole"
    )
    page = client_for(leader).get("/dashboard/").content.decode()
    high = page.split('id="high-h"', 1)[1].split('id="exp-h"', 1)[0]
    pending = page.split('id="pend-h"', 1)[1]
    assert "<td>Tsinghua University</td><td>Kina</td>" in high
    assert "<td>Under behandling</td>" in high
    assert "<td>Sendt inn</td>" in pending
    for table in (high, pending):
        assert "<td>Tsinghua University</td>" in table
        assert "<td>Ny høgskole</td>" in table
        assert f"<td>{registered.unit.name}</td>" in table
        assert f"<td>{proposed.unit.name}</td>" in table
