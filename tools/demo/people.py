"""Demo people and units for the embedded demo (`seed_demo`); never for production."""

from __future__ import annotations

import secrets
from dataclasses import dataclass

from django.contrib.auth.models import Group
from django.db import transaction

from agreements import roles
from agreements.models import Unit, User

UNITS = [
    ("Det matematisk-naturvitenskapelige fakultet", "MN", None),
    ("Institutt for fysikk", "FYS", "MN"),
    ("Institutt for kjemi", "KJM", "MN"),
    ("Institutt for informatikk", "IFI", "MN"),
    ("Det medisinske fakultet", "MED", None),
    ("Institutt for helse og samfunn", "HELSAM", "MED"),
    ("Det humanistiske fakultet", "HF", None),
    ("Institutt for kulturstudier og orientalske språk", "IKOS", "HF"),
    ("Det samfunnsvitenskapelige fakultet", "SV", None),
    ("Sentraladministrasjonen", "SA", None),
]


@dataclass(frozen=True)
class DemoAccount:
    username: str
    first_name: str
    last_name: str
    role: str | None  # None: system administrator (superuser)
    unit: str
    role_label: str


ACCOUNTS = [
    DemoAccount("forsker", "Frida", "Forsker", roles.RESEARCHER, "FYS", "Researcher"),
    DemoAccount(
        "kontakt", "Kari", "Kontaktpunkt", roles.CONTACT_POINT, "SA", "Contact point"
    ),
    DemoAccount(
        "eksport",
        "Erik",
        "Eksportkontroll",
        roles.EXPORT_CONTROL,
        "SA",
        "Export control",
    ),
    DemoAccount("leder", "Lise", "Leder", roles.LEADERSHIP, "SA", "Leadership"),
    DemoAccount("admin", "Ada", "Administrator", None, "SA", "Administrator"),
]


@transaction.atomic
def seed_units() -> dict[str, Unit]:
    units: dict[str, Unit] = {}
    for name, short, parent in UNITS:
        unit, _ = Unit.objects.update_or_create(
            short_name=short,
            defaults={"name": name, "parent": units.get(parent) if parent else None},
        )
        units[short] = unit
    return units


@transaction.atomic
def seed_accounts(units: dict[str, Unit]) -> list[tuple[DemoAccount, str]]:
    """Create or refresh the demo accounts with new random passwords."""
    created = []
    for account in ACCOUNTS:
        user, _ = User.objects.get_or_create(username=account.username)
        user.first_name, user.last_name = account.first_name, account.last_name
        user.email = f"{account.username}@demo.samarbeidssjekk.no"
        user.unit = units[account.unit]
        user.is_superuser = user.is_staff = account.role is None
        password = secrets.token_urlsafe(9)
        user.set_password(password)
        user.save()
        if account.role:
            user.groups.set([Group.objects.get(name=account.role)])
        created.append((account, password))
    return created


def seed_register(units: dict[str, Unit]) -> int:
    """Demo partners and agreements (data in demo_register.py); idempotent."""
    from tools.demo import register as demo_register

    return demo_register.seed_register(units)
