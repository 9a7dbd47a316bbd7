"""Filters for the agreement overview and the partner list (django-filter).

The filter state lives in the query string, so a filtered view can be
bookmarked and shared. Filters on partners use subqueries, never joins, so
an agreement with several partners appears once.
"""

from __future__ import annotations

import django_filters
from django import forms
from django.db.models import Q, QuerySet
from django.forms.utils import pretty_name
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from agreements import flags
from agreements.models import Agreement, Partner, PartnerAlias, PartnerMatch, Unit
from countries.choices import country_choices

TIER_CHOICES = [("T0", "T0"), ("T1", "T1"), ("T2", "T2"), ("T3", "T3")]
NOT_SCREENED = "none"
DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _agreements_with_partners(partners: Q) -> Q:
    through = Agreement.partners.through
    return Q(pk__in=through.objects.filter(partners).values("agreement_id"))


def search_partners(value: str) -> Q:
    """Partners whose name or one of whose aliases contains the text."""
    return Q(name__icontains=value) | Q(
        pk__in=PartnerAlias.objects.filter(name__icontains=value).values("partner_id")
    )


class Ordering(django_filters.OrderingFilter):
    """Sort choices in the reader's language, the descending ones too
    (django-filter formats those once, at import time, and in English)."""

    def build_choices(self, fields, labels):
        choices = []
        for field, param in fields.items():
            label = labels.get(field, _(pretty_name(param)))
            descending = format_lazy(_("{label} (descending)"), label=label)
            choices += [(param, label), (f"-{param}", descending)]
        return choices


class AgreementFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="filter_search")
    # Set by links from a partner's page. A register holds thousands of partners,
    # too many for a drop-down (it cost most of the page's time): people find a
    # partner with the free-text search, which covers names and aliases.
    partner = django_filters.ModelChoiceFilter(
        label=_("Partner"),
        queryset=Partner.objects.all(),
        method="filter_partner",
        widget=forms.HiddenInput,
    )
    country = django_filters.ChoiceFilter(
        label=_("Country"), choices=country_choices, method="filter_country"
    )
    tier = django_filters.MultipleChoiceFilter(
        label=_("Country tier"),
        choices=TIER_CHOICES,
        method="filter_tier",
        widget=forms.CheckboxSelectMultiple,
    )
    unit = django_filters.ModelChoiceFilter(
        label=_("Unit"),
        queryset=Unit.objects.all(),
        field_name="responsible_unit",
        empty_label=_("All"),
    )
    kind = django_filters.ChoiceFilter(label=_("Kind"), choices=Agreement.Kind.choices)
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=Agreement.Status.choices
    )
    start_from = django_filters.DateFilter(
        label=_("Starts on or after"),
        field_name="start_date",
        lookup_expr="gte",
        widget=DATE,
    )
    end_to = django_filters.DateFilter(
        label=_("Ends on or before"),
        field_name="end_date",
        lookup_expr="lte",
        widget=DATE,
    )
    level = django_filters.ChoiceFilter(
        label=_("Latest screening level"),
        choices=[*Agreement.Level.choices, (NOT_SCREENED, _("Not screened"))],
        method="filter_level",
    )
    flag = django_filters.MultipleChoiceFilter(
        label=_("Flags"),
        choices=[(f.key, f.label) for f in flags.FLAGS],
        method="filter_flags",
        widget=forms.CheckboxSelectMultiple,
    )
    o = Ordering(
        label=_("Sort by"),
        fields=(
            ("title", "title"),
            ("first_partner", "partner"),
            ("first_country", "country"),
            ("responsible_unit__name", "unit"),
            ("kind", "kind"),
            ("status", "status"),
            ("start_date", "start"),
            ("end_date", "end"),
            ("last_screening_level", "level"),
        ),
        field_labels={
            "title": _("Agreement"),
            "first_partner": _("Partner"),
            "first_country": _("Country"),
            "responsible_unit__name": _("Unit"),
            "kind": _("Kind"),
            "status": _("Status"),
            "start_date": _("Start"),
            "end_date": _("End"),
            "last_screening_level": _("Level"),
        },
    )

    class Meta:
        model = Agreement
        fields: list[str] = []

    def filter_search(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        partners = Partner.objects.filter(search_partners(value)).values("pk")
        return queryset.filter(
            Q(title__icontains=value)
            | _agreements_with_partners(Q(partner_id__in=partners))
        )

    def filter_partner(self, queryset: QuerySet, name: str, value) -> QuerySet:
        return queryset.filter(_agreements_with_partners(Q(partner=value)))

    def filter_country(self, queryset: QuerySet, name: str, value) -> QuerySet:
        return queryset.filter(_agreements_with_partners(Q(partner__country_id=value)))

    def filter_tier(self, queryset: QuerySet, name: str, value) -> QuerySet:
        if not value:
            return queryset
        return queryset.filter(
            _agreements_with_partners(Q(partner__country__tier__in=value))
        )

    def filter_level(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        if value == NOT_SCREENED:
            return queryset.filter(last_screening_level="")
        return queryset.filter(last_screening_level=value)

    def filter_flags(self, queryset: QuerySet, name: str, value) -> QuerySet:
        for key in value:
            queryset = queryset.filter(**{f"flag_{key}": True})
        return queryset


class PartnerFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="filter_search")
    country = django_filters.ChoiceFilter(label=_("Country"), choices=country_choices)
    kind = django_filters.ChoiceFilter(label=_("Type"), choices=Partner.Kind.choices)
    # Set by the contact point's home page: the partners waiting for a decision.
    named_list = django_filters.ChoiceFilter(
        label=_("Named-list status"),
        field_name="named_list_status",
        # Worded as states, so a filter option never reads like the flag badge.
        choices=[
            ("candidate", PartnerMatch.Status.CANDIDATE.label),
            ("confirmed", PartnerMatch.Status.CONFIRMED.label),
        ],
    )
    proposed = django_filters.BooleanFilter(
        label=_("Proposed, not yet confirmed"),
        widget=forms.CheckboxInput,
        method="filter_proposed",
    )

    class Meta:
        model = Partner
        fields: list[str] = []

    def filter_search(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return queryset.filter(search_partners(value))

    def filter_proposed(self, queryset: QuerySet, name: str, value) -> QuerySet:
        return queryset.filter(proposed=True) if value else queryset
