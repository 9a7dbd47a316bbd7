"""The roles and what each may do: the one module permission rules live in.

Views, querysets (`visible_to`), services and templates (through
agreements.context_processors.role_flags) ask the functions here; a rule
written anywhere else is a second copy (ARCHITECTURE.md). Pure Python: the
user is read through its attributes, so any layer may import this.

The four roles are Django groups. The group names are data (created by a
migration) and must not change: Feide mapping and the demo accounts refer to
them. Administrators are superusers.
"""

from __future__ import annotations

from typing import Any

RESEARCHER = "Researcher"
CONTACT_POINT = "Contact point"
EXPORT_CONTROL = "Export control"
LEADERSHIP = "Leadership"
ALL = (RESEARCHER, CONTACT_POINT, EXPORT_CONTROL, LEADERSHIP)


def role_names(user: Any) -> frozenset[str]:
    """The user's role names, cached on the user object for the request."""
    if not getattr(user, "is_authenticated", False):
        return frozenset()
    cached = getattr(user, "_role_names", None)
    if cached is None:
        cached = frozenset(user.groups.values_list("name", flat=True))
        user._role_names = cached
    return cached


def has_role(user: Any, *names: str) -> bool:
    return bool(role_names(user) & set(names))


def is_contact_point(user: Any) -> bool:
    return bool(getattr(user, "is_superuser", False)) or has_role(user, CONTACT_POINT)


def is_export_control(user: Any) -> bool:
    return has_role(user, EXPORT_CONTROL)


def is_leadership(user: Any) -> bool:
    return has_role(user, LEADERSHIP)


def sees_all_screenings(user: Any) -> bool:
    """Contact point, export control and leadership see every unit's screenings."""
    return is_contact_point(user) or has_role(user, EXPORT_CONTROL, LEADERSHIP)


def reads_whole_register(user: Any) -> bool:
    """Contact point and leadership read every agreement; others their unit's."""
    return is_contact_point(user) or is_leadership(user)


def is_export_officer(user: Any) -> bool:
    """Export control assesses a screening's export-control route (and an
    administrator may stand in)."""
    return is_export_control(user) or bool(getattr(user, "is_superuser", False))


def may_start_screening(user: Any) -> bool:
    """Leadership reads; every other role may start a screening."""
    return bool(getattr(user, "is_superuser", False)) or has_role(
        user, RESEARCHER, CONTACT_POINT, EXPORT_CONTROL
    )


def may_review(user: Any) -> bool:
    """The contact point (or an administrator) decides on screenings."""
    return is_contact_point(user)


def may_see_queue(user: Any) -> bool:
    return is_contact_point(user) or is_export_control(user)


def may_request_summary(user: Any) -> bool:
    """The dashboard and the summary PDF: contact point, leadership, admin."""
    return reads_whole_register(user)


def may_comment(user: Any, screening: Any) -> bool:
    """The contact point, export control and the screening's authors."""
    return (
        is_contact_point(user) or is_export_control(user) or screening.is_author(user)
    )


def may_complete_follow_up(user: Any, follow_up: Any) -> bool:
    """The condition's owner, or the contact point."""
    return follow_up.owner_id == user.pk or is_contact_point(user)


# The institution's own duties (value register, competence, incidents).


def may_keep_value_register(user: Any) -> bool:
    """The contact point and leadership keep the register (administrators too)."""
    return is_contact_point(user) or is_leadership(user)


def sees_asset_details(user: Any) -> bool:
    """Why an asset is valuable, its sensitivity and its access rules are for the
    roles that assess risk; researchers see what they need to pick an asset."""
    return may_keep_value_register(user) or is_export_control(user)


def may_manage_courses(user: Any) -> bool:
    """Keep the course list, record for a group, read the coverage figures."""
    return reads_whole_register(user)


def may_handle_incidents(user: Any) -> bool:
    """The contact point answers, routes and closes reports of pressure."""
    return is_contact_point(user)


def sees_incident_list(user: Any) -> bool:
    """The contact point, and export control for the reports routed to it."""
    return is_contact_point(user) or is_export_control(user)


def may_reply_to_incident(user: Any, report: Any) -> bool:
    """The reporter and the contact point write in a report's thread."""
    return user.pk == report.reporter_id or is_contact_point(user)
