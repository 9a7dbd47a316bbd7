"""Role-by-URL matrix for the review pages and actions."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser

from tests import factories
from tests.screening.review_support import submitted

pytestmark = pytest.mark.django_db

ROLES = [
    "anonymous",
    "researcher_same_unit",
    "researcher_other_unit",
    "owner",
    "contact_point",
    "export_control",
    "leadership",
    "superuser",
]


def user_for(role, screening):
    return {
        "anonymous": lambda: AnonymousUser(),
        "researcher_same_unit": lambda: factories.researcher(unit=screening.unit),
        "researcher_other_unit": lambda: factories.researcher(),
        "owner": lambda: screening.owner,
        "contact_point": factories.contact_point,
        "export_control": factories.export_officer,
        "leadership": factories.leader,
        "superuser": lambda: factories.UserFactory(is_superuser=True, is_staff=True),
    }[role]()


# (method, path, data, expected statuses in the order of ROLES)
MATRIX = [
    ("get", "/reviews/", {}, [302, 403, 403, 403, 200, 302, 403, 200]),
    (
        "get",
        "/reviews/?route=export-control",
        {},
        [302, 403, 403, 403, 200, 200, 403, 200],
    ),
    ("get", "/screenings/{pk}/review/", {}, [302, 404, 404, 403, 200, 200, 200, 200]),
    (
        "post",
        "/screenings/{pk}/review/start/",
        {},
        [302, 404, 404, 403, 302, 403, 403, 302],
    ),
    (
        "post",
        "/screenings/{pk}/review/decide/",
        {"decision": "request_changes", "text": "Why?"},
        [302, 404, 404, 403, 302, 403, 403, 302],
    ),
    (
        "post",
        "/screenings/{pk}/review/route/",
        {},
        [302, 404, 404, 403, 302, 403, 403, 302],
    ),
    (
        "post",
        "/screenings/{pk}/review/routes/{task}/",
        {"t{task}-outcome": "cleared", "t{task}-reference": "DEKSA 1"},
        [302, 404, 404, 403, 403, 302, 403, 302],
    ),
    (
        "post",
        "/screenings/{pk}/comments/",
        {"body": "A question"},
        [302, 404, 404, 302, 302, 302, 403, 302],
    ),
    (
        "post",
        "/screenings/{pk}/review/override/",
        {"override-reason": "Rector away; dean agreed by phone."},
        [302, 404, 404, 403, 302, 403, 403, 302],
    ),
    (  # the page's background fetch: nothing for a lapsed session, and only
        # an author of an editable draft gets the questions (this one is submitted)
        "post",
        "/screenings/{pk}/section/collab/questions/",
        {},
        [204, 404, 404, 404, 404, 404, 404, 404],
    ),
    (
        "post",
        "/screenings/{pk}/withdraw/",
        {},
        [302, 404, 404, 302, 403, 403, 403, 403],
    ),
]
CASES = [
    pytest.param(method, path, data, role, expected, id=f"{method} {path} {role}")
    for method, path, data, statuses in MATRIX
    for role, expected in zip(ROLES, statuses, strict=True)
]


@pytest.mark.parametrize(("method", "path", "data", "role", "expected"), CASES)
def test_permission_matrix(client, method, path, data, role, expected):
    screening = submitted(export=True)
    task = screening.route_tasks.get(route="R-EC")
    user = user_for(role, screening)
    if user.is_authenticated:
        client.force_login(user)
    url = path.format(pk=screening.pk, task=task.pk)
    payload = {k.format(task=task.pk): v for k, v in data.items()}
    response = getattr(client, method)(url, payload)
    assert response.status_code == expected
    if expected == 302 and role == "anonymous":
        assert response.url.startswith("/accounts/login/")
