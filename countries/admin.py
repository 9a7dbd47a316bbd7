"""Administrators keep country profiles here: enter flags, confirm regimes.

Every change to indicators goes through services.refresh_country_flags, so the
tier and flag columns never go stale.
"""

from __future__ import annotations

from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from config import fragments
from countries import services
from countries.models import Assessment, Country, Indicator


class IndicatorInline(admin.TabularInline):
    model = Indicator
    extra = 1
    fields = (
        "kind",
        "reference",
        "value",
        "numeric_value",
        "year",
        "edition",
        "source",
        "source_url",
        "licence",
        "to_be_verified",
        "verification_note",
        "set_by_institution",
        "origin",
    )


@admin.register(Country)
class CountryAdmin(admin.ModelAdmin):
    list_display = (
        "iso2",
        "name_nb",
        "name_nn",
        "name_en",
        "tier",
        "sanctions_level",
        "af_band",
    )
    list_filter = ("tier", "sanctions_level", "af_band", "gdpr_adequacy")
    search_fields = ("iso2", "iso3", "name_nb", "name_nn", "name_en")
    readonly_fields = (
        "tier",
        "sanctions_level",
        "af_band",
        "af_value",
        "af_year",
        "gdpr_adequacy",
    )
    inlines = [IndicatorInline]

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        services.refresh_country_flags(iso2=[form.instance.iso2])


@admin.register(Indicator)
class IndicatorAdmin(SimpleHistoryAdmin):
    list_display = (
        "country",
        "kind",
        "reference",
        "value",
        "year",
        "to_be_verified",
        "set_by_institution",
    )
    list_filter = ("kind", "to_be_verified", "set_by_institution", "origin")
    search_fields = ("country__iso2", "country__name_nb", "reference", "value")
    list_select_related = ("country",)
    actions = ["confirm"]

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        services.refresh_country_flags(iso2=[obj.country_id])

    def delete_model(self, request, obj):
        super().delete_model(request, obj)
        services.refresh_country_flags(iso2=[obj.country_id])

    def delete_queryset(self, request, queryset):
        iso2 = set(queryset.values_list("country_id", flat=True))
        super().delete_queryset(request, queryset)
        services.refresh_country_flags(iso2=iso2)

    @admin.action(description=_("Mark as verified against the official source"))
    def confirm(self, request, queryset):
        queryset.update(to_be_verified=False)
        fragments.changed()  # update() sends no signal


@admin.register(Assessment)
class AssessmentAdmin(admin.ModelAdmin):
    list_display = ("country", "level", "assessed_by", "assessed_at")
    list_filter = ("level",)
    list_select_related = ("country", "assessed_by")
    readonly_fields = ("assessed_at", "notified_at")
