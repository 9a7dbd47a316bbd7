from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from valueregister.models import Asset


@admin.register(Asset)
class AssetAdmin(SimpleHistoryAdmin):
    list_display = ("name", "kind", "unit", "sensitivity", "last_reviewed", "retired")
    list_filter = ("kind", "sensitivity", "retired")
    search_fields = ("name",)
