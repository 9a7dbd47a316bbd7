"""Who may use the named-list URLs: role by URL."""

from __future__ import annotations

import pytest

from agreements.models import EntryAlias
from tests import factories

ROLES = [
    "anonymous",
    "researcher_same_unit",
    "researcher_other_unit",
    "contact_point",
    "export_control",
    "leadership",
    "superuser",
]
# (method, path template, expected status per role, in ROLES order)
MATRIX = [
    ("get", "/partners/check/?name=Harbin+Institute+of+Technology", [302] + [200] * 6),
    ("get", "/partners/check/?partner={partner}", [302] + [200] * 6),
    (
        "get",
        "/partners/{partner}/matches/{match}/",
        [302, 403, 403, 200, 403, 403, 200],
    ),
    (
        "post",
        "/partners/{partner}/matches/{match}/",
        [302, 403, 403, 302, 403, 403, 302],
    ),
    ("post", "/partners/{partner}/rescreen/", [302, 403, 403, 302, 403, 403, 302]),
    ("get", "/partners/{partner}/rescreen/", [302, 403, 403, 405, 403, 403, 405]),
    ("get", "/named-lists/entries/{entry}/", [302, 403, 403, 200, 403, 403, 200]),
    ("post", "/named-lists/entries/{entry}/", [302, 403, 403, 302, 403, 403, 302]),
    (
        "post",
        "/named-lists/entries/{entry}/aliases/{alias}/remove/",
        [302, 403, 403, 302, 403, 403, 302],
    ),
    (
        "get",
        "/named-lists/entries/{entry}/aliases/{alias}/remove/",
        [302, 403, 403, 405, 403, 403, 405],
    ),
    ("post", "/partners/{partner}/confirm/", [302, 403, 403, 302, 403, 403, 302]),
    ("get", "/partners/{partner}/confirm/", [302, 403, 403, 405, 403, 403, 405]),
    # Only a proposed partner can be merged; this one is registered already.
    ("post", "/partners/{partner}/merge/", [302, 403, 403, 404, 403, 403, 404]),
    ("get", "/partners/{partner}/merge/", [302, 403, 403, 405, 403, 403, 405]),
]


def user_for(role: str, unit):
    if role == "anonymous":
        return None
    if role == "superuser":
        return factories.UserFactory(is_superuser=True, is_staff=True)
    if role == "researcher_same_unit":
        return factories.researcher(unit=unit)
    if role == "researcher_other_unit":
        return factories.researcher()
    return {
        "contact_point": factories.contact_point,
        "export_control": factories.export_officer,
        "leadership": factories.leader,
    }[role]()


@pytest.mark.parametrize(("method", "path", "expected"), MATRIX)
@pytest.mark.parametrize("role", ROLES)
def test_named_list_urls_by_role(db, client, role, method, path, expected):
    unit = factories.UnitFactory()
    match = factories.PartnerMatchFactory(
        entry__name="Harbin Institute of Technology",
        partner__name="Harbin Institute of Technology",
    )
    alias = EntryAlias.objects.create(entry=match.entry, name="HIT Shenzhen")
    url = path.format(
        partner=match.partner.pk, match=match.pk, entry=match.entry_id, alias=alias.pk
    )
    user = user_for(role, unit)
    if user:
        client.force_login(user)
    data = {"decision": "dismissed", "reason": "Checked the address", "name": "HIT"}
    response = getattr(client, method)(url, data if method == "post" else None)
    assert response.status_code == expected[ROLES.index(role)]
    if response.status_code == 302 and role == "anonymous":
        assert (
            response["Location"].startswith("/accounts/login/")
            or "login" in (response["Location"])
        )
