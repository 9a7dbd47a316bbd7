"""What the summary and overview pages say to the researcher, in plain words."""

from __future__ import annotations

import pytest

from tests import factories

pytestmark = pytest.mark.django_db


def test_the_summary_explains_points_in_words(client_for, researcher):
    screening = factories.ScreeningFactory(
        owner=researcher,
        unit=researcher.unit,
        answers={"collab.components": ["joint_research"], "case.stage": "new"}
        | {"partner.military_links": "direct"},
    )
    page = client_for(researcher).get(f"/screenings/{screening.pk}/summary/")
    html = page.content.decode()
    assert "+5 poeng" in html
    assert "+5 SEC" not in html


def test_an_agreement_the_owner_may_not_open_is_named_without_a_link(
    client_for, researcher
):
    elsewhere = factories.AgreementFactory(title="Avtale ved en annen enhet")
    screening = factories.ScreeningFactory(
        owner=researcher, unit=researcher.unit, agreement=elsewhere
    )
    html = client_for(researcher).get(f"/screenings/{screening.pk}/").content.decode()
    assert "Avtale ved en annen enhet" in html
    assert f'href="/agreements/{elsewhere.pk}/"' not in html
