"""Role-by-URL permission matrix for the incident channel (issue 22).

`reporter` sent both cases; `routed` has been routed to export control.
Someone else's case is a 404, never a 403, so its existence does not leak."""

from __future__ import annotations

import pytest
from django.utils import timezone

from tests import factories as f
from tests.incidents.support import report
from tests.roles import cases, user_for

pytestmark = pytest.mark.django_db

#              anon reporter other contact export leader admin
SIGNED_IN = [302, 200, 200, 200, 200, 200, 200]
FORM_ERROR = [302, 400, 400, 400, 400, 400, 400]
CASE_LIST = [302, 403, 403, 200, 200, 403, 200]
OWN_CASE = [302, 200, 404, 200, 404, 404, 200]
ROUTED_CASE = [302, 200, 404, 200, 200, 404, 200]

MATRIX = [
    ("get", "/incidents/new/", SIGNED_IN),
    ("post", "/incidents/new/", FORM_ERROR),  # empty: errors next to the fields
    ("get", "/incidents/mine/", SIGNED_IN),
    ("get", "/incidents/", CASE_LIST),
    ("get", "/incidents/?status=received", CASE_LIST),
    ("get", "/incidents/{r}/", OWN_CASE),
    ("get", "/incidents/{routed}/", ROUTED_CASE),
    # an empty message is a form error for those who may write one
    ("post", "/incidents/{r}/reply/", [302, 400, 404, 400, 404, 404, 400]),
    ("post", "/incidents/{routed}/reply/", [302, 400, 404, 400, 403, 404, 400]),
    ("get", "/incidents/{r}/reply/", [302, 405, 405, 405, 405, 405, 405]),
    # the contact point's actions
    ("post", "/incidents/{r}/status/", [302, 403, 404, 400, 404, 404, 400]),
    ("post", "/incidents/{routed}/status/", [302, 403, 404, 400, 403, 404, 400]),
    ("post", "/incidents/{r}/route/", [302, 403, 404, 302, 404, 404, 302]),
    ("post", "/incidents/{routed}/route/", [302, 403, 404, 302, 403, 404, 302]),
    ("post", "/incidents/{r}/partner/", [302, 403, 404, 400, 404, 404, 400]),
    ("post", "/incidents/{routed}/partner/", [302, 403, 404, 400, 403, 404, 400]),
    ("get", "/incidents/{r}/partner/", [302, 405, 405, 405, 405, 405, 405]),
]


@pytest.mark.parametrize(
    ("method", "url", "role", "expected"),
    cases(MATRIX),
)
def test_permission_matrix(client, method, url, role, expected):
    reporter = f.researcher()
    own = report(reporter)
    routed = report(reporter)
    routed.routed_at = timezone.now()
    routed.save()
    user = user_for(role, reporter)
    if user is not None:
        client.force_login(user)
    response = getattr(client, method)(url.format(r=own.pk, routed=routed.pk))
    assert response.status_code == expected


def test_a_leader_sees_a_case_only_as_its_reporter(client_for):
    leader = f.leader()
    own = report(leader)
    others = report()
    client = client_for(leader)
    assert client.get(f"/incidents/{own.pk}/").status_code == 200
    assert client.get(f"/incidents/{others.pk}/").status_code == 404
    assert [r.pk for r in client.get("/incidents/mine/").context["reports"]] == [own.pk]
