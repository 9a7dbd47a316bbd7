"""Role-by-URL permission matrix for the coverage map (issue 22)."""

from __future__ import annotations

import pytest

from tests import factories as f

pytestmark = pytest.mark.django_db

USERS = {
    "anonymous": lambda: None,
    "researcher": f.researcher,
    "other_researcher": f.researcher,
    "contact": f.contact_point,
    "export": f.export_officer,
    "leader": f.leader,
    "admin": lambda: f.UserFactory(is_superuser=True, is_staff=True),
}
EXPECTED = {"anonymous": 302} | {role: 200 for role in USERS if role != "anonymous"}


@pytest.mark.parametrize(("role", "expected"), EXPECTED.items())
def test_permission_matrix(client, role, expected):
    user = USERS[role]()
    if user is not None:
        client.force_login(user)
    response = client.get("/guidelines/")
    assert response.status_code == expected
    if expected == 302:
        assert response["Location"].startswith("/accounts/login/")


def test_the_footer_links_the_coverage_map(client_for):
    html = client_for(f.researcher()).get("/").content.decode()
    footer = html[html.index("<footer") :]
    assert 'href="/guidelines/"' in footer
