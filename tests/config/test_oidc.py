"""Feide login: claims become a user, affiliations become roles (no network)."""

from __future__ import annotations

from unittest import mock

import pytest

from agreements import oidc, roles
from agreements.models import User
from tests import factories

pytestmark = pytest.mark.django_db

CLAIMS = {
    "sub": "76a7a061-3c55-430d-8ee0-6f82ec42501f",
    oidc.PRINCIPAL_CLAIM: "Ola.Nordmann@UiO.no",
    "email": "ola.nordmann@uio.no",
    "name": "Ola Nordmann",
    "eduPersonAffiliation": ["employee", "member"],
}
GROUPS = [
    {
        "id": "fc:org:uio.no",
        "type": "fc:org",
        "membership": {
            "basic": "member",
            "affiliation": ["employee", "member"],
            "primaryAffiliation": "employee",
        },
    },
    {"id": "fc:adhoc:1", "type": "voot:ad-hoc", "membership": {"basic": "admin"}},
]


@pytest.fixture
def backend(settings):
    settings.OIDC_RP_CLIENT_ID = "client"
    settings.OIDC_RP_CLIENT_SECRET = "secret"
    settings.OIDC_RP_SIGN_ALGO = "RS256"
    settings.OIDC_OP_TOKEN_ENDPOINT = "https://auth.example/token"
    settings.OIDC_OP_USER_ENDPOINT = "https://auth.example/userinfo"
    settings.OIDC_OP_JWKS_ENDPOINT = "https://auth.example/jwks"
    settings.FEIDE_GROUPS_ENDPOINT = "https://groups.example/me/groups"
    settings.FEIDE_AFFILIATION_GROUPS = {"employee": roles.RESEARCHER}
    return oidc.FeideBackend()


def test_a_new_feide_user_gets_an_account_and_the_mapped_role(backend):
    assert backend.verify_claims(CLAIMS)
    user = backend.create_user(CLAIMS)
    user = User.objects.get(pk=user.pk)
    assert user.username == "ola.nordmann@uio.no"
    assert (user.first_name, user.last_name) == ("Ola", "Nordmann")
    assert not user.has_usable_password()
    assert roles.role_names(user) == {roles.RESEARCHER}


def test_a_returning_user_is_found_updated_and_keeps_roles_given_by_hand(backend):
    user = factories.contact_point(username="ola.nordmann@uio.no", email="old@uio.no")
    found = backend.filter_users_by_claims(CLAIMS)
    assert list(found) == [user]
    backend.update_user(found[0], {**CLAIMS, "given_name": "Ola", "family_name": "N."})
    user.refresh_from_db()
    assert user.email == "ola.nordmann@uio.no"
    assert user.last_name == "N."
    assert set(user.groups.values_list("name", flat=True)) == {
        roles.CONTACT_POINT,
        roles.RESEARCHER,
    }


def test_a_student_affiliation_grants_no_role(backend):
    user = backend.create_user({**CLAIMS, "eduPersonAffiliation": ["student"]})
    assert not user.groups.exists()


def test_claims_without_a_feide_id_are_refused(backend):
    assert not backend.verify_claims({"sub": "x", "email": "a@b.no"})
    assert not backend.filter_users_by_claims({"email": "a@b.no"}).exists()
    assert oidc.feide_id(
        {"https://n.feide.no/claims/userid_sec": ["feide:kari@ntnu.no"]}
    ) == ("kari@ntnu.no")


def test_affiliations_come_from_the_groups_api_when_userinfo_lacks_them(backend):
    userinfo = {k: v for k, v in CLAIMS.items() if k != "eduPersonAffiliation"}
    groups_response = mock.Mock(status_code=200)
    groups_response.json.return_value = GROUPS
    with (
        mock.patch.object(
            oidc.OIDCAuthenticationBackend, "get_userinfo", return_value=userinfo
        ),
        mock.patch.object(oidc.requests, "get", return_value=groups_response) as get,
    ):
        claims = backend.get_userinfo("token", "id-token", {})
    assert claims["eduPersonAffiliation"] == ["employee", "member"]
    assert get.call_args.kwargs["headers"] == {"Authorization": "Bearer token"}


def test_an_unreachable_groups_api_means_no_roles_not_a_failed_login(backend):
    with mock.patch.object(
        oidc.requests, "get", side_effect=oidc.requests.ConnectionError("down")
    ):
        assert backend.fetch_affiliations("token") == set()


@pytest.mark.parametrize(
    ("claim", "expected"),
    [
        ({"locale": "nn"}, "nn"),
        ({"locale": "nn-NO"}, "nn"),
        ({"preferredLanguage": "no-NN"}, "nn"),
        ({"preferredLanguage": "nb"}, "nb"),
        ({"preferredLanguage": "no"}, "nb"),
        ({"locale": "en-GB"}, "en"),
    ],
)
def test_feides_preferred_language_sets_a_new_users_language(backend, claim, expected):
    user = backend.create_user({**CLAIMS, **claim})
    assert User.objects.get(pk=user.pk).language == expected


def test_without_a_language_claim_a_new_user_gets_the_institutions_language(backend):
    from agreements.models import InstitutionSettings

    InstitutionSettings(default_language="nn").save()
    user = backend.create_user({**CLAIMS, "locale": "de"})
    assert User.objects.get(pk=user.pk).language == "nn"


def test_a_later_login_keeps_the_language_the_user_chose_in_the_app(backend):
    user = factories.researcher(username="ola.nordmann@uio.no", language="en")
    backend.update_user(user, {**CLAIMS, "locale": "nn"})
    user.refresh_from_db()
    assert user.language == "en"
