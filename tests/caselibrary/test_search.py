"""Everyone finds cases by theme, research field, country and free text."""

from __future__ import annotations

import pytest
from django.utils import timezone

from caselibrary.models import Case
from tests import factories as f
from tests.caselibrary.support import published_case

pytestmark = pytest.mark.django_db


@pytest.fixture
def library():
    china = f.CountryFactory(iso2="CN", name_nb="Kina", name_en="China")
    germany = f.CountryFactory(iso2="DE", name_nb="Tyskland", name_en="Germany")
    return {
        "robots": published_case(
            title="Robots",
            theme=Case.Theme.EXPORT_CONTROL,
            research_area="ca_robotics_autonomy",
            country=china,
            decided="Rejected: a defence-linked laboratory.",
        ),
        "cohort": published_case(
            title="Health cohort",
            theme=Case.Theme.DATA,
            research_area="gen_medicine",
            country=germany,
            planned="Sharing a patient cohort under GDPR.",
        ),
        "exchange": published_case(
            title="Student exchange",
            theme=Case.Theme.PEOPLE,
            country=china,
        ),
        "gone": published_case(
            title="Withdrawn summary",
            theme=Case.Theme.DATA,
            country=germany,
            unpublished_at=timezone.now(),
        ),
    }


def titles(client, **params) -> list[str]:
    response = client.get("/cases/", params)
    return sorted(case.title for case in response.context["page_obj"])


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({}, ["Health cohort", "Robots", "Student exchange"]),
        ({"theme": "data"}, ["Health cohort"]),
        ({"theme": "people"}, ["Student exchange"]),
        ({"research_area": "ca_robotics_autonomy"}, ["Robots"]),
        ({"q": "defence"}, ["Robots"]),
        ({"q": "GDPR"}, ["Health cohort"]),
        ({"q": "nothing like it"}, []),
    ],
)
def test_filters(client_for, library, params, expected):
    assert titles(client_for(f.researcher()), **params) == expected


def test_country_filter_offers_countries_with_cases(client_for, library):
    client = client_for(f.leader())
    china = library["robots"].country
    assert titles(client, country=china.pk) == ["Robots", "Student exchange"]
    assert titles(client, country=china.pk, theme="people") == ["Student exchange"]
    choices = client.get("/cases/").context["filter"].form.fields["country"]
    assert {c.iso2 for c in choices.queryset} == {"CN", "DE"}


def test_a_bad_filter_value_is_a_form_error_not_a_500(client_for, library):
    response = client_for(f.researcher()).get("/cases/", {"theme": "nonsense"})
    assert response.status_code == 200
    assert "theme" in response.context["filter"].form.errors


def test_research_field_is_shown_by_name(client_for, library):
    response = client_for(f.researcher()).get("/cases/", {"theme": "export_control"})
    (case,) = response.context["page_obj"]
    assert case.area_label.startswith("Robotikk og autonome systemer")
    assert f"· {case.area_label}" in response.content.decode()
