from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from competence.models import Completion, Course


@admin.register(Course)
class CourseAdmin(SimpleHistoryAdmin):
    list_display = ("title", "renew_months", "required_in_screenings")


@admin.register(Completion)
class CompletionAdmin(admin.ModelAdmin):
    list_display = ("user", "course", "completed_on", "recorded_by")
    list_filter = ("course",)
    raw_id_fields = ("user", "recorded_by")
