from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from incidents.models import IncidentMessage, IncidentReport


class MessageInline(admin.TabularInline):
    model = IncidentMessage
    extra = 0
    fields = ("author", "text", "created_at")
    readonly_fields = ("created_at",)
    raw_id_fields = ("author",)


@admin.register(IncidentReport)
class IncidentReportAdmin(SimpleHistoryAdmin):
    list_display = ("case_number", "status", "occurred_on", "created_at")
    list_filter = ("status",)
    raw_id_fields = ("reporter", "partner", "routed_by", "partner_incident")
    readonly_fields = ("year", "number", "created_at")
    inlines = [MessageInline]
