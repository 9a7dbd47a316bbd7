"""The researcher's mitigation plan as the contact point reads it."""

from __future__ import annotations

from html import unescape

import pytest

from screening.services import screenings as screening_services
from screening.views.summary import explain
from tests.screening.review_support import draft

pytestmark = pytest.mark.django_db


def test_the_review_page_shows_the_plan_under_each_measure(client_for, contact_point):
    screening = draft(export=True)
    measures = explain(screening, "nb")["mitigations"]
    assert len(measures) >= 2, "the export answers must recommend measures"
    first = measures[0]
    screening_services.save_mitigation_plan(
        screening,
        plan={first["key"]: "We apply for a licence before signing."},
        by=screening.owner,
    )
    screening_services.submit_screening(screening, by=screening.owner)
    body = client_for(contact_point).get(f"/screenings/{screening.pk}/review/")
    html = unescape(body.content.decode())
    plan = html[html.index('id="plan-title"') :]
    assert "We apply for a licence before signing." in plan
    # The measure without a plan says so instead of staying blank.
    assert plan.count("Forskeren skrev ingen plan for dette tiltaket.") == 1
    assert plan.index(first["label"][:30]) < plan.index("We apply for a licence")
