"""Access-control review: a researcher never reads a colleague's screening."""

from __future__ import annotations

import pytest

from screening.models import Comment, Report, Screening
from screening.services import screenings as services
from tests import factories
from tests.screening.review_support import submitted

pytestmark = pytest.mark.django_db


def _start(owner, agreement, **kwargs):
    partner = agreement.partners.first()
    return services.create_screening(
        by=owner,
        title="Renewal",
        partner=partner,
        country=partner.country,
        unit=owner.unit,
        agreement=agreement,
        **kwargs,
    )


def test_a_renewal_does_not_copy_a_colleagues_answers(client_for):
    unit = factories.UnitFactory()
    colleague = factories.researcher(unit=unit)
    agreement = factories.AgreementFactory(responsible_unit=unit)
    first = _start(colleague, agreement)
    services.save_answers(
        first,
        changes={"collab.anchored": "no"},
        originals={},
        revision=None,
        by=colleague,
    )
    me = factories.researcher(unit=unit)
    client_for(me).post(
        f"/screenings/new/?agreement={agreement.pk}",
        {
            "title": "Renewal",
            "partner": agreement.partners.first().pk,
            "unit": unit.pk,
            "stage": Screening.Stage.RENEWAL,
            "components": ["joint_research"],
        },
    )
    mine = Screening.objects.get(owner=me)
    assert mine.previous is None
    assert "collab.anchored" not in mine.answers


def test_a_renewal_by_the_same_author_still_starts_from_the_last_answers():
    me = factories.researcher()
    agreement = factories.AgreementFactory(responsible_unit=me.unit)
    first = _start(me, agreement)
    services.save_answers(
        first, changes={"collab.anchored": "no"}, originals={}, revision=None, by=me
    )
    renewal = _start(me, agreement, stage=Screening.Stage.RENEWAL)
    assert renewal.previous == first
    assert renewal.answers["collab.anchored"] == "no"


def test_the_report_list_hides_reports_of_screenings_no_longer_visible(client_for):
    owner = factories.researcher()
    colleague = factories.researcher()
    screening = factories.ScreeningFactory(owner=owner, title="Secret Harbin plan")
    screening.co_authors.add(colleague)
    Report.objects.create(
        kind=Report.Kind.SCREENING, screening=screening, requested_by=colleague
    )
    assert b"Secret Harbin plan" in client_for(colleague).get("/reports/").content
    services.remove_co_author(screening, user=colleague, by=owner)
    assert b"Secret Harbin plan" not in client_for(colleague).get("/reports/").content


def test_a_reply_cannot_join_a_thread_of_another_screening(client_for, contact_point):
    theirs = submitted()
    hidden = Comment.objects.create(
        screening=theirs, author=contact_point, body="Internal", question_key="x"
    )
    mine = submitted()
    response = client_for(mine.owner).post(
        f"/screenings/{mine.pk}/comments/", {"body": "Hi", "parent": hidden.pk}
    )
    assert response.status_code == 404
    assert not Comment.objects.filter(screening=mine).exists()


def test_a_route_task_of_another_screening_is_a_404(client_for):
    officer = factories.export_officer()
    other = submitted(export=True)
    task = other.route_tasks.get(route="R-EC")
    screening = submitted(export=True)
    response = client_for(officer).post(
        f"/screenings/{screening.pk}/review/routes/{task.pk}/",
        {f"t{task.pk}-outcome": "cleared", f"t{task.pk}-reference": "EC-1"},
    )
    assert response.status_code == 404
    task.refresh_from_db()
    assert task.is_open
