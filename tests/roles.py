"""The seven roles of the role-by-URL permission matrices, shared by the apps'
tests/<app>/test_permissions.py: nobody signed in, the person the object
belongs to (a researcher of its unit, its owner or its reporter), another
researcher, the contact point, export control, leadership and an
administrator. A matrix row gives one status code per role, in this order."""

from __future__ import annotations

from typing import Any

from agreements.models import Unit
from tests import factories as f

ROLES = ("anonymous", "own", "other", "contact", "export", "leader", "admin")


def user_for(role: str, own: Any = None) -> Any:
    """The user for `role`; `own` is the object's person, or its Unit (then a
    researcher of that unit is made). None for "anonymous"."""
    if role == "own":
        return f.researcher(unit=own) if isinstance(own, Unit) else own
    return {
        "anonymous": lambda: None,
        "other": lambda: f.researcher(),
        "contact": lambda: f.contact_point(),
        "export": lambda: f.export_officer(),
        "leader": lambda: f.leader(),
        "admin": lambda: f.UserFactory(is_superuser=True, is_staff=True),
    }[role]()


def cases(matrix: list[tuple[str, str, list[int]]]) -> list[tuple[str, str, str, int]]:
    """(method, url, role, expected code) for every row and role of a matrix."""
    return [
        (method, url, role, codes[index])
        for method, url, codes in matrix
        for index, role in enumerate(ROLES)
    ]
