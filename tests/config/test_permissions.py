"""Role-by-URL matrix for the project-wide pages and the Django admin."""

from __future__ import annotations

import pytest

from tests import factories as f

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "researcher", "contact", "export", "leader", "admin"]
#                                  anon res  cont exp  lead admin
MATRIX = [
    ("/", [302, 200, 200, 200, 200, 200]),
    ("/sources/", [200] * 6),
    ("/settings/", [302, 403, 200, 403, 403, 200]),
    ("/admin/agreements/institutionsettings/", [302, 302, 302, 302, 302, 200]),
    ("/admin/", [302, 302, 302, 302, 302, 200]),
    ("/admin/agreements/user/", [302, 302, 302, 302, 302, 200]),
]


def user_for(role: str):
    return {
        "anonymous": lambda: None,
        "researcher": f.researcher,
        "contact": f.contact_point,
        "export": f.export_officer,
        "leader": f.leader,
        "admin": lambda: f.UserFactory(is_superuser=True, is_staff=True),
    }[role]()


@pytest.mark.parametrize(
    ("url", "role", "expected"),
    [(url, role, codes[i]) for url, codes in MATRIX for i, role in enumerate(ROLES)],
)
def test_permission_matrix(client, url, role, expected):
    user = user_for(role)
    if user is not None:
        client.force_login(user)
    response = client.get(url)
    assert response.status_code == expected
    if expected == 302:
        assert "login" in response["Location"]
