"""Role-by-URL permission matrix for the value register (issue 22)."""

from __future__ import annotations

import pytest

from tests import factories as f
from tests.roles import cases, user_for
from tests.valueregister.support import AssetFactory

pytestmark = pytest.mark.django_db

#            anon same other contact export leader admin
READ_ALL = [302, 200, 200, 200, 200, 200, 200]
EDIT = [302, 403, 403, 200, 403, 200, 200]
# an empty form is a form error (400) for those who may save it
SAVE = [302, 403, 403, 400, 403, 400, 400]
REVIEWED = [302, 403, 403, 302, 403, 302, 302]

MATRIX = [
    ("get", "/register/values/", READ_ALL),
    ("get", "/register/values/?kind=data_set&review=overdue", READ_ALL),
    ("get", "/register/values/{a}/", READ_ALL),
    ("get", "/register/values/new/", EDIT),
    ("get", "/register/values/{a}/edit/", EDIT),
    ("post", "/register/values/new/", SAVE),
    ("post", "/register/values/{a}/edit/", SAVE),
    ("post", "/register/values/{a}/reviewed/", REVIEWED),
    # marking reviewed is a POST only
    ("get", "/register/values/{a}/reviewed/", [405] * 7),
]


@pytest.mark.parametrize(
    ("method", "url", "role", "expected"),
    cases(MATRIX),
)
def test_permission_matrix(client, method, url, role, expected):
    asset = AssetFactory()
    user = user_for(role, asset.unit)
    if user is not None:
        client.force_login(user)
    response = getattr(client, method)(url.format(a=asset.pk))
    assert response.status_code == expected


@pytest.mark.parametrize("role", ["own", "other"])
def test_researchers_see_names_and_kinds_but_not_access_details(client, role):
    asset = AssetFactory(name="Cryo-EM lab", access="Badge 4711 for staff only")
    client.force_login(user_for(role, asset.unit))
    for url in ("/register/values/", f"/register/values/{asset.pk}/"):
        page = client.get(url).content.decode()
        assert "Cryo-EM lab" in page
        assert "Badge 4711" not in page
        assert "only cleanroom" not in page  # why it is valuable


@pytest.mark.parametrize("role", ["contact", "export", "leader"])
def test_the_central_roles_see_access_and_why(client, role):
    asset = AssetFactory(access="Badge 4711 for staff only")
    client.force_login(user_for(role, asset.unit))
    page = client.get(f"/register/values/{asset.pk}/").content.decode()
    assert "Badge 4711" in page
    assert "only cleanroom" in page


def test_a_retired_asset_is_hidden_from_researchers(client):
    asset = AssetFactory(name="Old archive", retired=True)
    client.force_login(f.researcher())
    assert "Old archive" not in client.get("/register/values/").content.decode()
    assert client.get(f"/register/values/{asset.pk}/").status_code == 404
