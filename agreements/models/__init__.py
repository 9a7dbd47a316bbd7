"""The institution register: people and units here; partners and agreements beside."""

from agreements.models.people import Unit, User

__all__ = ["Unit", "User"]
