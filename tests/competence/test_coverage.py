"""Coverage per unit: the figures, the dashboard block and constant queries."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from competence import coverage
from tests import factories as f
from tests.competence.support import course, took

pytestmark = pytest.mark.django_db
TODAY = date(2026, 12, 3)


def _institution(today: date = TODAY):
    """Physics: 4 people, 2 current on both courses. Chemistry: 2 people, none."""
    security = course(title="Sikkerhet", renew_months=12)
    export = course(title="Eksport", renew_months=None)
    course(title="Frivillig", required_in_screenings=False)
    physics = f.UnitFactory(name="Fysikk")
    chemistry = f.UnitFactory(name="Kjemi")
    p = [f.researcher(unit=physics) for _ in range(4)]
    k = [f.researcher(unit=chemistry) for _ in range(2)]
    for person in p[:2]:
        took(person, security, today - timedelta(days=30))
        took(person, export, date(2015, 1, 1))  # never expires
    took(p[2], security, today - timedelta(days=400))  # expired
    took(p[2], export, today)
    took(p[3], security, today)  # only one of two
    took(k[0], security, today - timedelta(days=400))
    f.researcher(unit=chemistry, is_active=False)  # not counted
    return physics, chemistry


def test_coverage_counts_people_current_on_every_required_course():
    _institution()
    result = coverage.by_unit(today=TODAY)
    assert [c.title for c in result.courses] == ["Eksport", "Sikkerhet"]
    rows = {u.name: u for u in result.units}
    assert (rows["Fysikk"].users, rows["Fysikk"].current, rows["Fysikk"].share) == (
        4,
        2,
        50,
    )
    assert rows["Fysikk"].per_course == [3, 3]  # Eksport, Sikkerhet
    assert (rows["Kjemi"].users, rows["Kjemi"].current) == (2, 0)
    assert rows["Kjemi"].per_course == [0, 0]
    assert (result.total.users, result.total.current, result.total.share) == (6, 2, 33)


def test_the_cut_off_day_matches_the_pure_rule():
    security = course(renew_months=12)
    unit = f.UnitFactory()
    last_day, first_out = f.researcher(unit=unit), f.researcher(unit=unit)
    took(last_day, security, date(2025, 12, 4))  # current up to 2026-12-03
    took(first_out, security, date(2025, 12, 3))  # expired on 2026-12-03
    row = coverage.by_unit(today=TODAY).units[0]
    assert row.current == 1


def test_no_required_course_gives_no_figures():
    course(required_in_screenings=False)
    assert coverage.by_unit(today=TODAY).total is None


def test_coverage_queries_do_not_grow_with_units_or_people():
    _institution()

    def count() -> int:
        with CaptureQueriesContext(connection) as ctx:
            coverage.by_unit(today=TODAY)
        return len(ctx)

    before = count()
    for _ in range(5):
        unit = f.UnitFactory()
        for _ in range(3):
            f.researcher(unit=unit)
    assert count() == before == 2


def test_the_dashboard_shows_coverage_per_unit(client_for, leader):
    _institution(timezone.localdate())
    body = client_for(leader).get("/dashboard/").content.decode()
    block = body.split('class="card card-body mt-4 competence-coverage"')[1]
    assert "Kompetanse" in block
    assert "Fysikk" in block
    assert "Kjemi" in block
    physics = block.split("Fysikk")[1].split("</tr>")[0]
    assert "<strong>50 %</strong>" in physics
    assert "/competence/coverage/" in block


def test_the_coverage_page_shows_each_course(client_for, contact_point):
    _institution()
    body = client_for(contact_point).get("/competence/coverage/").content.decode()
    assert "Kompetansedekning" in body
    assert '<th scope="col" class="text-end">Sikkerhet</th>' in body
    assert "Frivillig" not in body


def test_the_institution_pdf_shows_coverage_per_unit_and_course():
    from screening.models import Report
    from screening.reports import build

    _institution(timezone.localdate())
    report = Report.objects.create(
        kind=Report.Kind.SUMMARY,
        requested_by=f.leader(language="en"),
        language="en",
        params={},
        data_fingerprint="x",
    )
    html = build.render_html(report)
    section = html[html.index('<section class="details competence">') :]
    section = section[: section.index("</section>")]
    assert "<h2>Competence</h2>" in section
    assert '<th scope="col" class="text-end">Sikkerhet</th>' in section
    physics = section.split("Fysikk")[1].split("</tr>")[0]
    assert "<strong>50 %</strong>" in physics
    total = section.split("The whole institution")[1].split("</tr>")[0]
    assert "<strong>28 %</strong>" in total  # 2 of 7: the leader counts too
