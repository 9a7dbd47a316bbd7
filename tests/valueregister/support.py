"""Register assets for the value-register tests."""

from __future__ import annotations

import datetime

import factory
from django.utils import timezone

from tests import factories
from valueregister.models import Asset


class AssetFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Asset

    kind = Asset.Kind.INFRASTRUCTURE
    name = factory.Sequence(lambda n: f"Cleanroom {n}")
    unit = factory.SubFactory(factories.UnitFactory)
    why_valuable = "The only cleanroom for quantum sensors in the country."
    sensitivity = Asset.Sensitivity.HIGH
    access = "Key card for staff; guests accompanied by their host."
    last_reviewed = factory.LazyFunction(timezone.localdate)


def months_ago(months: int) -> datetime.date:
    return timezone.localdate() - datetime.timedelta(days=30 * months)
