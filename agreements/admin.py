from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from django.utils.translation import gettext_lazy as _

from agreements.models import Unit, User


@admin.register(User)
class SamarbeidssjekkUserAdmin(UserAdmin):
    fieldsets = (
        *UserAdmin.fieldsets,
        (_("Institution"), {"fields": ("unit", "language")}),
    )
    list_display = ("username", "email", "first_name", "last_name", "unit", "is_staff")
    list_filter = (*UserAdmin.list_filter, "unit")


@admin.register(Unit)
class UnitAdmin(admin.ModelAdmin):
    list_display = ("name", "short_name", "parent")
    search_fields = ("name", "short_name")
