"""Access-control review: a researcher never reads a colleague's screening."""

from __future__ import annotations

import pytest

from screening.models import Report, Screening
from screening.services import screenings as services
from tests import factories

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
