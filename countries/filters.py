"""Filters and sorting for the country list."""

from __future__ import annotations

import unicodedata

import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from countries.models import Country


class CountryFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Name or code"), method="search")
    tier = django_filters.ChoiceFilter(
        label=_("Tier"), choices=Country.Tier.choices, empty_label=_("All")
    )
    af_band = django_filters.ChoiceFilter(
        label=_("Academic freedom"),
        choices=Country.AcademicFreedomBand.choices,
        empty_label=_("All"),
    )
    sanctions_level = django_filters.ChoiceFilter(
        label=_("Sanctions"),
        choices=Country.SanctionsLevel.choices,
        empty_label=_("All"),
    )
    gdpr_adequacy = django_filters.ChoiceFilter(
        label=_("GDPR adequacy"),
        choices=Country.GdprAdequacy.choices,
        empty_label=_("All"),
    )

    class Meta:
        model = Country
        fields = ["q", "tier", "af_band", "sanctions_level", "gdpr_adequacy"]

    def search(self, queryset, name, value):
        value = value.strip()
        return queryset.filter(
            Q(name_nb__icontains=value)
            | Q(name_nn__icontains=value)
            | Q(name_en__icontains=value)
            | Q(iso2__iexact=value)
            | Q(iso3__iexact=value)
        )


def _name_key(name: str) -> str:
    """Norwegian alphabetical order: ... z, æ, ø, å; other accents ignored."""
    name = name.lower().replace("æ", "{").replace("ø", "|").replace("å", "}")
    decomposed = unicodedata.normalize("NFKD", name)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


ORDER = {
    "tier": Country.Tier.values,
    "sanctions": Country.SanctionsLevel.values,
    "gdpr": Country.GdprAdequacy.values,
}
SORTS = ("name", "tier", "af", "sanctions", "gdpr")


def sort_countries(countries, sort: str) -> tuple[list[Country], str]:
    """Countries sorted by a column key ("name", "-tier", ...); returns the key used.

    Sorted in Python: at most 250 rows, and names need Norwegian collation.
    """
    field = sort.removeprefix("-")
    if field not in SORTS:
        sort, field = "name", "name"
    rows = sorted(countries, key=lambda c: _name_key(c.name))
    if field == "af":
        present = sorted(
            (c for c in rows if c.af_value is not None),
            key=lambda c: c.af_value,
            reverse=sort.startswith("-"),
        )
        return present + [c for c in rows if c.af_value is None], sort
    if field in ORDER:
        values = ORDER[field]
        attribute = {"tier": "tier", "sanctions": "sanctions_level"}.get(
            field, "gdpr_adequacy"
        )
        rows.sort(key=lambda c: values.index(getattr(c, attribute)))
    if sort.startswith("-"):
        rows.reverse()
    return rows, sort
