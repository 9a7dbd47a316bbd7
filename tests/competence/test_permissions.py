"""Role-by-URL permission matrix for the competence pages (issue 22)."""

from __future__ import annotations

import pytest

from tests import factories as f
from tests.competence.support import course
from tests.roles import cases, user_for

pytestmark = pytest.mark.django_db

#          anon res other contact export leader admin
EVERYONE = [302, 200, 200, 200, 200, 200, 200]
MANAGE = [302, 403, 403, 200, 403, 200, 200]
# an empty POST is a form error (400) for those allowed, 403 for the rest
POST_EVERYONE = [302, 400, 400, 400, 400, 400, 400]
POST_MANAGE = [302, 403, 403, 400, 403, 400, 400]

MATRIX = [
    ("get", "/competence/", EVERYONE),
    ("get", "/competence/record/", EVERYONE),
    ("post", "/competence/record/", POST_EVERYONE),
    ("get", "/competence/record-group/", MANAGE),
    ("post", "/competence/record-group/", POST_MANAGE),
    ("get", "/competence/coverage/", MANAGE),
    ("get", "/competence/courses/new/", MANAGE),
    ("post", "/competence/courses/new/", POST_MANAGE),
    ("get", "/competence/courses/{c}/edit/", MANAGE),
    ("post", "/competence/courses/{c}/edit/", POST_MANAGE),
]


@pytest.mark.parametrize(
    ("method", "url", "role", "expected"),
    cases(MATRIX),
)
def test_permission_matrix(client, method, url, role, expected):
    unit = f.UnitFactory()
    c = course()
    user = user_for(role, unit)
    if user is not None:
        client.force_login(user)
    response = getattr(client, method)(url.format(c=c.pk))
    assert response.status_code == expected
    if expected == 302:
        assert response["Location"].startswith("/accounts/login/")


def test_the_menu_links_courses_for_everyone_signed_in(client):
    client.force_login(f.researcher())
    assert 'href="/competence/"' in client.get("/competence/").content.decode()


def test_only_managers_see_the_manage_buttons(client_for):
    course()
    body = client_for(f.researcher()).get("/competence/").content.decode()
    assert "/competence/courses/new/" not in body
    assert "/competence/coverage/" not in body
    body = client_for(f.leader()).get("/competence/").content.decode()
    assert "/competence/courses/new/" in body
    assert "/competence/coverage/" in body
