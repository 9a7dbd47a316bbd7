"""Forged ids and values are a 404 or a form error, never a 500."""

from __future__ import annotations

import pytest

from caselibrary.models import Case
from tests import factories as f
from tests.caselibrary.support import decided_screening, published_case

pytestmark = pytest.mark.django_db

HUGE = str(2**63)


@pytest.mark.parametrize(
    "url",
    [f"/cases/{HUGE}/", f"/cases/publish/{HUGE}/", f"/cases/{HUGE}/unpublish/"],
)
def test_huge_ids_in_the_path_are_not_found(client_for, url):
    client = client_for(f.contact_point())
    response = client.post(url) if "unpublish" in url else client.get(url)
    assert response.status_code == 404


@pytest.mark.parametrize(
    "params",
    [{"country": HUGE}, {"country": "x"}, {"research_area": "nope"}, {"page": "-1"}],
)
def test_forged_filters_are_ignored_or_form_errors(client_for, params):
    published_case()
    response = client_for(f.researcher()).get("/cases/", params)
    assert response.status_code == 200


@pytest.mark.parametrize(
    "field", [("country", HUGE), ("research_area", "nope"), ("theme", "x")]
)
def test_forged_publish_values_are_errors_next_to_the_field(client_for, field):
    screening = decided_screening()
    name, value = field
    data = {
        "title": "T",
        "planned": "P",
        "mattered": "M",
        "decided": "D",
        "theme": "security",
        "country": screening.country_id,
        name: value,
    }
    response = client_for(f.contact_point()).post(
        f"/cases/publish/{screening.pk}/", data
    )
    assert response.status_code == 200
    assert name in response.context["form"].errors
    assert not Case.objects.exists()
