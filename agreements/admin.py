from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from agreements import named_lists
from agreements.models import (
    Agreement,
    EntryAlias,
    InstitutionSettings,
    NamedList,
    NamedListEntry,
    Partner,
    PartnerAlias,
    PartnerMatch,
    Unit,
    User,
)


@admin.register(User)
class SamarbeidssjekkUserAdmin(UserAdmin):
    fieldsets = (
        *UserAdmin.fieldsets,
        (_("Institution"), {"fields": ("unit", "language")}),
    )
    list_display = ("username", "email", "first_name", "last_name", "unit", "is_staff")
    list_filter = (*UserAdmin.list_filter, "unit")


@admin.register(InstitutionSettings)
class InstitutionSettingsAdmin(admin.ModelAdmin):
    """One row: it can be changed, never added twice or deleted."""

    def has_add_permission(self, request) -> bool:
        return not InstitutionSettings.objects.exists()

    def has_delete_permission(self, request, obj=None) -> bool:
        return False

    def get_readonly_fields(self, request, obj=None):
        # Lifting four-eyes is the administrator's call, not a staff member's.
        return () if request.user.is_superuser else ("allow_own_review",)


@admin.register(Unit)
class UnitAdmin(admin.ModelAdmin):
    list_display = ("name", "short_name", "parent")
    search_fields = ("name", "short_name")

    def get_form(self, request, obj=None, change=False, **kwargs):
        """Offer as parent only units outside this unit's own branch."""
        form = super().get_form(request, obj, change=change, **kwargs)
        if obj is not None and "parent" in form.base_fields:
            parents = form.base_fields["parent"]
            parents.queryset = parents.queryset.exclude(pk__in=obj.descendant_ids())
        return form


class PartnerAliasInline(admin.TabularInline):
    model = PartnerAlias
    extra = 0


@admin.register(Partner)
class PartnerAdmin(SimpleHistoryAdmin):
    list_display = ("name", "country", "kind", "named_list_status", "ror_id")
    list_filter = ("kind", "named_list_status", "country")
    search_fields = ("name", "aliases__name", "ror_id")
    raw_id_fields = ("parent",)
    inlines = (PartnerAliasInline,)

    def save_related(self, request, form, formsets, change):
        """Screened like every other path, once the aliases are saved too."""
        super().save_related(request, form, formsets, change)
        named_lists.screen_partner(form.instance)


@admin.register(Agreement)
class AgreementAdmin(SimpleHistoryAdmin):
    list_display = (
        "title",
        "kind",
        "status",
        "responsible_unit",
        "start_date",
        "end_date",
        "last_screening_level",
    )
    list_filter = ("status", "kind", "last_screening_level", "responsible_unit")
    search_fields = ("title", "partners__name", "notes")
    date_hierarchy = "end_date"
    raw_id_fields = ("responsible_person", "last_screening")
    filter_horizontal = ("partners",)
    readonly_fields = ("version", "created_at", "updated_at")


@admin.register(NamedList)
class NamedListAdmin(admin.ModelAdmin):
    list_display = ("title", "key", "kind", "edition_label", "edition_date", "active")
    list_filter = ("kind", "active")
    search_fields = ("title", "key", "publisher")

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if change and {"kind", "active"} & set(form.changed_data):
            # Its matches now stand for another partner flag (or none).
            partners = obj.entries.values_list("partner_matches__partner", flat=True)
            named_lists.enqueue_rescore(
                partner_ids=sorted({p for p in partners if p}),
                cause={"kind": "list_edition", "list": obj.title},
            )


@admin.register(NamedListEntry)
class NamedListEntryAdmin(admin.ModelAdmin):
    list_display = ("name", "named_list", "country", "parent_name", "active")
    list_filter = ("named_list", "active")
    search_fields = ("name", "parent_name")


@admin.register(EntryAlias)
class EntryAliasAdmin(SimpleHistoryAdmin):
    list_display = ("name", "entry", "source", "language", "added_by", "created_at")
    list_filter = ("source", "language")
    search_fields = ("name", "entry__name")
    raw_id_fields = ("entry", "added_by")


@admin.register(PartnerMatch)
class PartnerMatchAdmin(admin.ModelAdmin):
    list_display = ("partner", "entry", "score", "status", "decided_by", "decided_at")
    list_filter = ("status", "entry__named_list")
    search_fields = ("partner__name", "entry__name", "matched_name")
    raw_id_fields = ("partner", "entry", "decided_by")
    # Decisions go through named_lists.decide_match, which keeps the history.
    readonly_fields = ("status", "reason", "decided_by", "decided_at")
