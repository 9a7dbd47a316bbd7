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
            # get_or_create: transactional tests flush the groups the migration made.
            self.groups.set([Group.objects.get_or_create(name=n)[0] for n in extracted])


def researcher(**kwargs) -> User:
    return UserFactory(roles=[roles.RESEARCHER], **kwargs)


def contact_point(**kwargs) -> User:
    return UserFactory(roles=[roles.CONTACT_POINT], **kwargs)


def export_officer(**kwargs) -> User:
    return UserFactory(roles=[roles.EXPORT_CONTROL], **kwargs)


def leader(**kwargs) -> User:
    return UserFactory(roles=[roles.LEADERSHIP], **kwargs)


# --- Register (agreements and partners) ---
import datetime  # noqa: E402

from agreements.models import Agreement, Partner, PartnerAlias  # noqa: E402
from countries.models import Country  # noqa: E402


class CountryFactory(factory.django.DjangoModelFactory):
    """CountryFactory(iso2="CN", tier="T3", af_band="very_low")."""

    class Meta:
        model = Country
        django_get_or_create = ("iso2",)

    iso2 = factory.Sequence(lambda n: f"{chr(65 + n // 26 % 26)}{chr(65 + n % 26)}")
    iso3 = factory.LazyAttribute(lambda c: f"{c.iso2}X")
    name_nb = factory.LazyAttribute(lambda c: f"Land {c.iso2}")
    name_en = factory.LazyAttribute(lambda c: f"Country {c.iso2}")


class PartnerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Partner

    name = factory.Sequence(lambda n: f"University of Example {n}")
    country = factory.SubFactory(CountryFactory)
    kind = Partner.Kind.UNIVERSITY


class PartnerAliasFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PartnerAlias

    partner = factory.SubFactory(PartnerFactory)
    name = factory.Sequence(lambda n: f"UEX{n}")


class AgreementFactory(factory.django.DjangoModelFactory):
    """AgreementFactory(partners=[p1, p2]); by default one new partner."""

    class Meta:
        model = Agreement
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Research collaboration {n}")
    kind = Agreement.Kind.RESEARCH
    status = Agreement.Status.ACTIVE
    responsible_unit = factory.SubFactory(UnitFactory)
    start_date = datetime.date(2024, 1, 1)
    end_date = datetime.date(2030, 12, 31)
    has_termination_clause = True

    @factory.post_generation
    def partners(self, create, extracted, **kwargs):
        if not create:
            return
        self.partners.set(extracted if extracted is not None else [PartnerFactory()])


# --- Screenings ---
from screening import questionnaire as qn  # noqa: E402
from screening.models import Screening  # noqa: E402


class ScreeningFactory(factory.django.DjangoModelFactory):
    """A draft on the current questionnaire, scored like a real save."""

    class Meta:
        model = Screening
        skip_postgeneration_save = True

    owner = factory.SubFactory(UserFactory)
    title = factory.Sequence(lambda n: f"Collaboration {n}")
    partner = factory.SubFactory(PartnerFactory)
    country = factory.LazyAttribute(lambda s: s.partner.country)
    unit = factory.LazyAttribute(lambda s: s.owner.unit)
    stage = Screening.Stage.NEW
    questionnaire_id, questionnaire_version = qn.CURRENT
    answers = factory.LazyFunction(dict)

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        screening = model_class(*args, **kwargs)
        screening.rescore()
        screening.save()
        return screening


# --- Countries (indicators and the institution's assessments) ---
from countries.models import Assessment, Indicator  # noqa: E402


class IndicatorFactory(factory.django.DjangoModelFactory):
    """IndicatorFactory(country=cn, kind="travel_advice", value="caution")."""

    class Meta:
        model = Indicator

    country = factory.SubFactory(CountryFactory)
    kind = Indicator.Kind.ACADEMIC_FREEDOM
    reference = ""
    value = "0.5"
    source = "Test source"
    source_url = "https://example.org/source"
    licence = "CC BY 4.0"


class AssessmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Assessment

    country = factory.SubFactory(CountryFactory)
    level = Assessment.Level.MEDIUM
    rationale = "Mixed picture; see the indicators."
    assessed_by = factory.SubFactory(UserFactory)


# Named lists (agreements.models.named_lists)
class NamedListFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "agreements.NamedList"
        django_get_or_create = ("key",)

    key = factory.Sequence(lambda n: f"list{n}")
    title = factory.LazyAttribute(lambda nl: f"Test list {nl.key}")
    edition_label = "2026-01-01"
    source_url = "https://example.org/list.pdf"
    licence = "CC BY-NC 4.0"
    licence_note = "Attribute the publisher; non-commercial use only."


class NamedListEntryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "agreements.NamedListEntry"

    named_list = factory.SubFactory(NamedListFactory)
    name = factory.Sequence(lambda n: f"Listed Institute {n}")
    country = "CN"
    fingerprint = factory.Sequence(lambda n: f"fp{n}")


class PartnerMatchFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "agreements.PartnerMatch"

    partner = factory.SubFactory(PartnerFactory)
    entry = factory.SubFactory(NamedListEntryFactory)
    score = 0.85
    matched_name = factory.LazyAttribute(lambda m: m.entry.name)
