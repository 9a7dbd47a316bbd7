"""The institution register. Each area adds its import line here."""

from agreements.models.partners import Partner, PartnerAlias
from agreements.models.people import Unit, User

__all__ = ["Partner", "PartnerAlias", "Unit", "User"]
