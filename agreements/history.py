"""Readable change lists from django-simple-history records.

Used by the detail pages ("who changed what and when") and by the conflict
check ("what changed since you opened the form").
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db import models
from django.utils.formats import date_format
from django.utils.translation import gettext as _

HIDDEN = {"version", "updated_at", "created_at", "document", "last_screening"}
# Choices of fields that store another app's choice without declaring it,
# registered by that app from its ready() (an app above this one): the
# agreement's latest decision is a screening status.
NAMED_VALUES: dict[tuple[str, str], list[tuple[str, Any]]] = {}


@dataclass(frozen=True)
class Change:
    field: str
    label: str
    old: str
    new: str


@dataclass(frozen=True)
class Entry:
    when: Any
    who: str
    kind: str
    changes: list[Change]


def _show(model: type[models.Model], name: str, value: Any) -> str:
    if value in (None, ""):
        return "—"
    field = model._meta.get_field(name)
    if isinstance(value, list):  # many-to-many: [{"agreement": 1, "partner": 2}]
        target = field.related_model
        ids = [row.get(target._meta.model_name) for row in value]
        names = target.objects.filter(pk__in=ids).values_list("name", flat=True)
        return ", ".join(sorted(names)) or "—"
    if isinstance(field, models.BooleanField):
        return _("Yes") if value else _("No")
    choices = field.flatchoices or named_values(model, name)
    if choices:
        return str(dict(choices).get(value, value))
    if isinstance(field, models.ForeignKey):
        obj = field.related_model._default_manager.filter(pk=value).first()
        return str(obj) if obj else str(value)
    if hasattr(value, "strftime"):
        return date_format(value, "SHORT_DATE_FORMAT")
    return str(value)


def named_values(model: type[models.Model], name: str) -> list[tuple[str, Any]]:
    return list(NAMED_VALUES.get((model._meta.label, name), []))


def diff(new_record: Any, old_record: Any) -> list[Change]:
    model = new_record.instance_type
    delta = new_record.diff_against(old_record, foreign_keys_are_objs=False)
    changes = []
    for change in delta.changes:
        if change.field in HIDDEN:
            continue
        label = str(model._meta.get_field(change.field).verbose_name)
        changes.append(
            Change(
                change.field,
                label[:1].upper() + label[1:],
                _show(model, change.field, change.old),
                _show(model, change.field, change.new),
            )
        )
    return changes


def changes_since(obj: models.Model, version: int) -> list[Change]:
    """What changed between the record saved at `version` and the latest one."""
    records = obj.history.order_by("-history_date", "-history_id")
    latest = records.first()
    seen = records.filter(version=version).first()
    if latest is None or seen is None:
        return []
    return diff(latest, seen)


def entries(obj: models.Model, limit: int = 50) -> list[Entry]:
    """Newest first: when, who, created/changed, and the fields that changed."""
    records = list(
        obj.history.select_related("history_user").order_by(
            "-history_date", "-history_id"
        )[: limit + 1]
    )
    kinds = {"+": _("Created"), "~": _("Changed"), "-": _("Deleted")}
    result = []
    for index, record in enumerate(records[:limit]):
        previous = records[index + 1] if index + 1 < len(records) else None
        changes = diff(record, previous) if previous else []
        who = str(record.history_user) if record.history_user else _("System")
        if previous and not changes and record.history_type == "~":
            continue  # e.g. only the version counter moved
        result.append(
            Entry(record.history_date, who, kinds[record.history_type], changes)
        )
    return result
