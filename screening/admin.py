from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from screening.models import Screening


@admin.register(Screening)
class ScreeningAdmin(SimpleHistoryAdmin):
    list_display = ("title", "owner", "partner", "country", "status", "overall_level")
    list_filter = ("status", "overall_level", "stage")
    search_fields = ("title", "proposed_partner_name", "partner__name")
    raw_id_fields = ("owner", "partner", "agreement", "previous")
    filter_horizontal = ("co_authors",)
    readonly_fields = ("result", "revision", "created_at", "updated_at")
