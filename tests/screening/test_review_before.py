"""A changed answer's earlier value reads as the current one does: names, dates."""

from __future__ import annotations

import pytest

from screening.services import reviews
from screening.services import screenings as screening_services
from tests.screening.review_support import submitted

pytestmark = pytest.mark.django_db


def test_a_changed_date_shows_the_earlier_date_formatted(client_for, contact_point):
    screening = submitted(overrides={"case.start": "2024-03-01"})
    reviews.request_changes(screening, by=contact_point, reason="Check the dates")
    screening.refresh_from_db()
    screening.answers = {**screening.answers, "case.start": "2025-06-01"}
    screening.rescore()
    screening.save()
    screening_services.submit_screening(screening, by=screening.owner)
    body = client_for(contact_point).get(f"/screenings/{screening.pk}/review/")
    text = body.content.decode()
    assert "01.06.2025" in text
    assert "01.03.2024" in text
    assert "2024-03-01" not in text
