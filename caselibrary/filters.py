"""Browsing the library: theme, research field, country and free text."""

from __future__ import annotations

import django_filters
from django.db.models import Q
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from caselibrary import prefill
from caselibrary.models import Case
from countries.models import Country


class CaseFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="search")
    theme = django_filters.ChoiceFilter(
        label=_("Theme"), choices=Case.Theme.choices, empty_label=_("All")
    )
    research_area = django_filters.ChoiceFilter(
        label=_("Research field"), choices=[], empty_label=_("All")
    )
    country = django_filters.ModelChoiceFilter(
        label=_("Country"),
        queryset=Country.objects.filter(library_cases__isnull=False).distinct(),
        empty_label=_("All"),
    )

    class Meta:
        model = Case
        fields = ["q", "theme", "research_area", "country"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["research_area"].extra["choices"] = prefill.research_area_choices(
            get_language()
        )

    def search(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        text = (
            Q(title__icontains=value)
            | Q(planned__icontains=value)
            | Q(mattered__icontains=value)
            | Q(decided__icontains=value)
        )
        return queryset.filter(
            text | Q(show_partner=True, partner__name__icontains=value)
        )
