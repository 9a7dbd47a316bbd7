from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from caselibrary.models import Case


@admin.register(Case)
class CaseAdmin(SimpleHistoryAdmin):
    list_display = ("title", "theme", "country", "decision", "published_at")
    list_filter = ("theme", "decision")
    search_fields = ("title",)
    raw_id_fields = ("screening", "partner", "published_by")
