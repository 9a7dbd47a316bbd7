"""The register list's filters (django-filter); the state lives in the query string."""

from __future__ import annotations

import datetime

import django_filters
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from agreements.models import Unit
from countries.level_choices import ASSESSED
from valueregister.models import REVIEW_INTERVAL, Asset

REVIEW_CHOICES = [("overdue", _("Review overdue")), ("current", _("Reviewed"))]
# Active assets unless asked for more (the view leaves retired ones out first).
SHOW_CHOICES = [("retired", _("Retired only")), ("all", _("Active and retired"))]
SHOWING_RETIRED = {key for key, _label in SHOW_CHOICES}


class AssetFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="filter_search")
    kind = django_filters.ChoiceFilter(label=_("Kind"), choices=Asset.Kind.choices)
    unit = django_filters.ModelChoiceFilter(
        label=_("Owning unit"), queryset=Unit.objects.all()
    )
    sensitivity = django_filters.ChoiceFilter(label=_("Sensitivity"), choices=ASSESSED)
    review = django_filters.ChoiceFilter(
        label=_("Review state"), choices=REVIEW_CHOICES, method="filter_review"
    )
    show = django_filters.ChoiceFilter(
        label=_("Shown"),
        choices=SHOW_CHOICES,
        empty_label=_("Active only"),
        method="filter_show",
    )

    class Meta:
        model = Asset
        fields: list[str] = []

    def filter_search(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        value = value.strip()[:100]
        if not value:
            return queryset
        found = Q(name__icontains=value) | Q(unit__name__icontains=value)
        return queryset.filter(found)

    def filter_show(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return queryset.filter(retired=True) if value == "retired" else queryset

    def filter_review(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        cutoff: datetime.date = timezone.localdate() - REVIEW_INTERVAL
        if value == "overdue":
            return queryset.filter(last_reviewed__lt=cutoff)
        return queryset.filter(last_reviewed__gte=cutoff)


class PublicAssetFilter(AssetFilter):
    """What a researcher filters by: what an asset is, and whose."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        for name in ("sensitivity", "review", "show"):
            self.filters.pop(name, None)
