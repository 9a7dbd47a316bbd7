"""Role-by-URL permission matrix for the case library (issue 22)."""

from __future__ import annotations

import pytest
from django.utils import timezone

from tests import factories as f
from tests.caselibrary.support import decided_screening, published_case
from tests.roles import cases, user_for

pytestmark = pytest.mark.django_db

#           anon owner other contact export leader admin
READ_ALL = [302, 200, 200, 200, 200, 200, 200]
MANAGE = [302, 403, 403, 200, 403, 403, 200]
MANAGE_POST = [302, 403, 403, 302, 403, 403, 302]
# unpublished: only the contact point (and admin) still sees the case
HIDDEN = [302, 404, 404, 200, 404, 404, 200]

MATRIX = [
    ("get", "/cases/", READ_ALL),
    ("get", "/cases/?q=lab&theme=export_control", READ_ALL),
    ("get", "/cases/{c}/", READ_ALL),
    ("get", "/cases/{u}/", HIDDEN),
    ("get", "/cases/publish/", MANAGE),
    ("get", "/cases/publish/{s}/", MANAGE),
    # an empty form is a form error, never a 500, for those who may publish
    ("post", "/cases/publish/{s}/", MANAGE),
    ("post", "/cases/{c}/unpublish/", MANAGE_POST),
    # a draft is no candidate: 404 for the contact point, 403 for the rest
    ("get", "/cases/publish/{d}/", [302, 403, 403, 404, 403, 403, 404]),
]


@pytest.mark.parametrize(
    ("method", "url", "role", "expected"),
    cases(MATRIX),
)
def test_permission_matrix(client, method, url, role, expected):
    owner = f.researcher()
    case = published_case(decided_screening(owner=owner))
    hidden = published_case(unpublished_at=timezone.now())
    candidate = decided_screening()
    draft = f.ScreeningFactory()
    user = user_for(role, owner)
    if user is not None:
        client.force_login(user)
    path = url.format(c=case.pk, u=hidden.pk, s=candidate.pk, d=draft.pk)
    response = getattr(client, method)(path)
    assert response.status_code == expected


@pytest.mark.parametrize(
    ("role", "sees_link"),
    [
        ("own", True),
        ("other", False),
        ("contact", True),
        ("export", True),
        ("leader", True),
        ("admin", True),
    ],
)
def test_link_to_the_screening_only_for_those_who_may_see_it(client, role, sees_link):
    owner = f.researcher()
    case = published_case(decided_screening(owner=owner))
    client.force_login(user_for(role, owner))
    html = client.get(f"/cases/{case.pk}/").content.decode()
    assert (f'href="/screenings/{case.screening_id}/"' in html) is sees_link
