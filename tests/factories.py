"""factory_boy factories for all model data. Each app appends its own below."""

from __future__ import annotations

import factory
from django.contrib.auth.models import Group

from agreements import roles
from agreements.models import Unit, User


class UnitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Unit

    name = factory.Sequence(lambda n: f"Institutt {n}")
    short_name = factory.Sequence(lambda n: f"I{n}")


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.no")
    first_name = "Test"
    last_name = factory.Sequence(lambda n: f"Person{n}")
    unit = factory.SubFactory(UnitFactory)
    password = factory.django.Password("correct horse battery staple")

    @factory.post_generation
    def roles(self, create, extracted, **kwargs):
        """UserFactory(roles=[roles.RESEARCHER]) puts the user in those groups."""
        if create and extracted:
            self.groups.set(Group.objects.filter(name__in=extracted))


def researcher(**kwargs) -> User:
    return UserFactory(roles=[roles.RESEARCHER], **kwargs)


def contact_point(**kwargs) -> User:
    return UserFactory(roles=[roles.CONTACT_POINT], **kwargs)


def export_officer(**kwargs) -> User:
    return UserFactory(roles=[roles.EXPORT_CONTROL], **kwargs)


def leader(**kwargs) -> User:
    return UserFactory(roles=[roles.LEADERSHIP], **kwargs)
