"""Feide login (OpenID Connect), switched on by USE_OIDC=1.

Feide gives the user's identity in the userinfo claims and their affiliations
(employee, faculty, student, ...) through its groups API. Users are matched on
their Feide id (eduPersonPrincipalName, e.g. "ola@uio.no"), which becomes the
username. Affiliations grant roles by settings.FEIDE_AFFILIATION_GROUPS (e.g.
{"employee": "Researcher"}) at every login. Roles are only ever added this way:
the contact point and other roles an administrator gives by hand are kept.
Where Feide sends the person's preferred language (the OIDC `locale` claim or
the eduPerson `preferredLanguage` attribute), a new account starts in it;
otherwise in the institution's main language. Later logins never change it:
the person's own choice in the app wins.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Mapping
from typing import Any

import requests
from django.conf import settings
from django.contrib.auth.models import Group
from mozilla_django_oidc.auth import OIDCAuthenticationBackend

log = logging.getLogger(__name__)

PRINCIPAL_CLAIM = "https://n.feide.no/claims/eduPersonPrincipalName"
AFFILIATION_CLAIM = "eduPersonAffiliation"
LANGUAGE_CLAIMS = (
    "locale",
    "preferredLanguage",
    "https://n.feide.no/claims/preferredLanguage",
)
# BCP 47 / ISO 639 spellings of the three languages the app speaks. "no"
# (Norwegian, unspecified) is read as bokmål, as Feide's own login does.
LANGUAGE_CODES = {
    "nb": "nb", "nob": "nb", "no": "nb", "nor": "nb",
    "nn": "nn", "nno": "nn",
    "en": "en", "eng": "en",
}  # fmt: skip


def feide_id(claims: Mapping[str, Any]) -> str:
    """The stable Feide id ("ola@uio.no"), or "" when the claims have none."""
    principal = claims.get(PRINCIPAL_CLAIM) or ""
    if not principal:
        secondary = claims.get("https://n.feide.no/claims/userid_sec") or []
        principal = next(
            (s.removeprefix("feide:") for s in secondary if s.startswith("feide:")), ""
        )
    return principal.strip().lower()


def affiliations_from_groups(groups: Iterable[Mapping[str, Any]]) -> set[str]:
    """eduPersonAffiliation values from Feide's groups API (organisation groups)."""
    found: set[str] = set()
    for group in groups:
        if not str(group.get("type", "")).startswith("fc:org"):
            continue
        membership = group.get("membership") or {}
        found.update(str(a).lower() for a in membership.get("affiliation") or ())
        if membership.get("primaryAffiliation"):
            found.add(str(membership["primaryAffiliation"]).lower())
    return found


def language_from_claims(claims: Mapping[str, Any]) -> str:
    """The app language ("nb", "nn", "en") Feide says the person prefers, or ""."""
    for name in LANGUAGE_CLAIMS:
        value = claims.get(name)
        if isinstance(value, list | tuple):
            value = value[0] if value else ""
        tag = str(value or "").strip().lower().replace("_", "-")
        parts = tag.split("-")
        if parts[0] == "no" and len(parts) > 1 and parts[1] in ("nn", "nb"):
            parts = parts[1:]  # "no-NN", the old spelling of nynorsk
        if parts[0] in LANGUAGE_CODES:
            return LANGUAGE_CODES[parts[0]]
    return ""


def roles_for(affiliations: Iterable[str], mapping: Mapping[str, str]) -> set[str]:
    """The role group names the affiliations grant."""
    lowered = {k.lower(): v for k, v in mapping.items()}
    return {lowered[a.lower()] for a in affiliations if a.lower() in lowered}


class FeideBackend(OIDCAuthenticationBackend):
    def get_userinfo(self, access_token, id_token, payload):
        claims = dict(super().get_userinfo(access_token, id_token, payload))
        if AFFILIATION_CLAIM not in claims:
            claims[AFFILIATION_CLAIM] = sorted(self.fetch_affiliations(access_token))
        return claims

    def fetch_affiliations(self, access_token: str) -> set[str]:
        endpoint = getattr(settings, "FEIDE_GROUPS_ENDPOINT", "")
        if not endpoint:
            return set()
        try:
            response = requests.get(
                endpoint,
                headers={"Authorization": f"Bearer {access_token}"},
                timeout=10,
            )
            response.raise_for_status()
            return affiliations_from_groups(response.json())
        except (requests.RequestException, ValueError) as exc:
            log.warning("Feide groups API unavailable, no roles granted: %s", exc)
            return set()

    def verify_claims(self, claims) -> bool:
        return bool(feide_id(claims))

    def filter_users_by_claims(self, claims):
        username = feide_id(claims)
        if not username:
            return self.UserModel.objects.none()
        return self.UserModel.objects.filter(username__iexact=username)

    def create_user(self, claims):
        user = self.UserModel(username=feide_id(claims))
        user.language = language_from_claims(claims) or user.language
        user.set_unusable_password()
        return self.update_user(user, claims)

    def update_user(self, user, claims):
        user.email = claims.get("email") or user.email
        user.first_name = (claims.get("given_name") or user.first_name)[:150]
        user.last_name = (claims.get("family_name") or user.last_name)[:150]
        if not (claims.get("given_name") or claims.get("family_name")):
            first, _, last = (claims.get("name") or "").partition(" ")
            user.first_name = first[:150] or user.first_name
            user.last_name = last[:150] or user.last_name
        user.save()
        mapping = getattr(settings, "FEIDE_AFFILIATION_GROUPS", {})
        names = roles_for(claims.get(AFFILIATION_CLAIM) or (), mapping)
        if names:
            user.groups.add(*Group.objects.filter(name__in=names))
        return user
