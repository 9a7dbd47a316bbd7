"""The institution register. Each area adds its import line here."""

from agreements.models.agreements import Agreement, AgreementReminder
from agreements.models.imports import ImportPreview
from agreements.models.incidents import PartnerIncident
from agreements.models.institution import InstitutionSettings
from agreements.models.named_lists import (
    EntryAlias,
    NamedList,
    NamedListEntry,
    PartnerMatch,
    PartnerMatchDecision,
)
from agreements.models.partners import Partner, PartnerAlias
from agreements.models.people import Unit, User

__all__ = [
    "Agreement",
    "AgreementReminder",
    "EntryAlias",
    "ImportPreview",
    "InstitutionSettings",
    "NamedList",
    "NamedListEntry",
    "Partner",
    "PartnerAlias",
    "PartnerIncident",
    "PartnerMatch",
    "PartnerMatchDecision",
    "Unit",
    "User",
]
