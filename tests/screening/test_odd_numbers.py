"""Ids typed as Unicode digits ("²" passes isdigit, not int()): a page, not a 500."""

from __future__ import annotations

import pytest

from screening.models import Screening
from tests import factories

pytestmark = pytest.mark.django_db

ODD = "²"


@pytest.mark.parametrize(
    "path",
    [
        f"/screenings/new/?agreement={ODD}",
        f"/screenings/partner-check/?partner={ODD}",
    ],
)
def test_a_superscript_id_in_the_query_is_ignored(client_for, researcher, path):
    assert client_for(researcher).get(path).status_code == 200


def test_a_superscript_partner_in_the_new_form_is_an_error(client_for, researcher):
    response = client_for(researcher).post(
        "/screenings/new/", {"title": "Gjest", "partner": ODD, "stage": "new"}
    )
    assert response.status_code == 200
    assert response.context["form"].errors
    assert not Screening.objects.exists()


@pytest.mark.parametrize("param", ["unit", "partner"])
def test_the_review_queue_ignores_a_superscript_filter(
    client_for, contact_point, param
):
    response = client_for(contact_point).get(f"/reviews/?{param}={ODD}")
    assert response.status_code == 200


def test_a_section_with_a_superscript_revision_still_saves(client_for, researcher):
    draft = factories.ScreeningFactory(
        owner=researcher,
        unit=researcher.unit,
        answers={"collab.components": ["joint_research"], "case.stage": "new"},
    )
    response = client_for(researcher).post(
        f"/screenings/{draft.pk}/section/collab/",
        {"revision": ODD, "go": "next", "collab.anchored": "yes"},
    )
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.answers["collab.anchored"] == "yes"
