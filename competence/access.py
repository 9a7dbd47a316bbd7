"""Who may do what with courses: everybody signed in reads and records their
own; the contact point and leadership keep the list, record for groups and
read the coverage figures (superusers count as contact point)."""

from __future__ import annotations

from typing import Any

from agreements import roles


def may_manage(user: Any) -> bool:
    return roles.reads_whole_register(user)
