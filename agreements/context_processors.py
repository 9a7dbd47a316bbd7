from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest

from agreements import roles


def role_flags(request: HttpRequest) -> dict[str, object]:
    user = request.user
    return {
        "is_contact_point": roles.is_contact_point(user),
        "is_export_control": roles.is_export_control(user),
        "is_leadership": roles.is_leadership(user),
        "is_researcher": roles.has_role(user, roles.RESEARCHER),
        "sees_all_screenings": roles.sees_all_screenings(user),
        "may_start_screening": roles.may_start_screening(user),
        "app_version": settings.VERSION,
        "oidc_enabled": settings.USE_OIDC,
    }
