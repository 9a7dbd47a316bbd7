"""Who may open or post to each screening-flow URL (role by URL)."""

from __future__ import annotations

import pytest

from screening.progress import section_progress
from tests import factories

ROLES = [
    "anonymous",
    "owner",
    "researcher_same_unit",
    "researcher_other_unit",
    "contact_point",
    "export_control",
    "leadership",
    "superuser",
]


@pytest.fixture
def case(db):
    owner = factories.researcher()
    screening = factories.ScreeningFactory(owner=owner, unit=owner.unit)
    users = {
        "anonymous": None,
        "owner": owner,
        "researcher_same_unit": factories.researcher(unit=owner.unit),
        "researcher_other_unit": factories.researcher(),
        "contact_point": factories.contact_point(),
        "export_control": factories.export_officer(),
        "leadership": factories.leader(),
        "superuser": factories.UserFactory(is_superuser=True, is_staff=True),
    }
    return screening, users


def _section_key(screening):
    return next(s.key for s in section_progress(screening) if s.visible)


def _client(client, user):
    if user is not None:
        client.force_login(user)
    return client


SEES_CASE = {
    "anonymous": 302,
    "owner": 200,
    "researcher_same_unit": 404,
    "researcher_other_unit": 404,
    "contact_point": 200,
    "export_control": 200,
    "leadership": 200,
    "superuser": 200,
}
OPEN_TO_ALL = dict.fromkeys(ROLES, 200) | {"anonymous": 302}


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("/screenings/", OPEN_TO_ALL),
        ("/screenings/new/", OPEN_TO_ALL | {"leadership": 403}),
        ("/partners/search/?partner_query=Univ", OPEN_TO_ALL),
        # redirects to the named-list check of the register (agreements:partner_check)
        (
            "/screenings/partner-check/?proposed_partner_name=X",
            dict.fromkeys(ROLES, 302),
        ),
        ("/screenings/{pk}/", SEES_CASE),
        ("/screenings/{pk}/section/{section}/", SEES_CASE),
        ("/screenings/{pk}/summary/", SEES_CASE),
    ],
)
def test_get(client, case, role, url, expected):
    screening, users = case
    path = url.format(pk=screening.pk, section=_section_key(screening))
    response = _client(client, users[role]).get(path)
    assert response.status_code == expected[role], (role, path)


AUTHORS_ONLY = {
    "anonymous": 302,
    "owner": 302,
    "researcher_same_unit": 404,
    "researcher_other_unit": 404,
    "contact_point": 403,
    "export_control": 403,
    "leadership": 403,
    "superuser": 403,
}
OWNER_ONLY = dict.fromkeys(ROLES, 404) | {"anonymous": 302, "owner": 302}


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("/screenings/{pk}/section/{section}/", AUTHORS_ONLY),
        ("/screenings/{pk}/summary/", AUTHORS_ONLY),
        ("/screenings/{pk}/co-authors/", OWNER_ONLY),
        ("/screenings/{pk}/co-authors/{colleague}/remove/", OWNER_ONLY),
        (
            "/screenings/{pk}/section/{section}/autosave/",
            OWNER_ONLY | {"anonymous": 200, "owner": 200},
        ),
    ],
)
def test_post(client, case, role, url, expected):
    screening, users = case
    colleague = factories.researcher()
    screening.co_authors.add(colleague)
    path = url.format(
        pk=screening.pk, section=_section_key(screening), colleague=colleague.pk
    )
    response = _client(client, users[role]).post(path, {"who": "nobody"})
    assert response.status_code == expected[role], (role, path)
    screening.refresh_from_db()
    assert screening.status == "draft"
    if role != "owner":
        assert screening.co_authors.filter(pk=colleague.pk).exists()


def test_only_those_who_may_start_see_the_new_screening_button(
    client_for, leader, researcher
):
    assert (
        "/screenings/new/"
        not in client_for(leader).get("/screenings/").content.decode()
    )
    assert (
        "/screenings/new/"
        in client_for(researcher).get("/screenings/").content.decode()
    )
