"""The last change of a screening's level in words, for the page and e-mail.

`Screening.level_change` holds plain data (from, to, when, cause) written by
re-scoring (`services.rescoring.level_change`); this module words it in the
reader's language: "Raised from Medium to High on 2 Dec 2026: match on US
DoD Section 1286 list confirmed by Kari Kontaktpunkt".
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any

from django.db.models import TextField
from django.db.models.fields.json import KeyTextTransform
from django.db.models.functions import Cast
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from countries.level_choices import RiskLevel
from screening.questionnaire.model import level_index

# How long a level that changed by itself (re-scoring) counts as news.
CHANGED_DAYS = 30


def changed_since(now: datetime.datetime | None = None) -> str:
    """The ISO time from which a level change is still news (text compare:
    `level_change["at"]` is written by `timezone.now().isoformat()`, UTC)."""
    now = now or timezone.now()
    return (now - datetime.timedelta(days=CHANGED_DAYS)).isoformat()


def with_changed_result(screenings, now: datetime.datetime | None = None):
    """Screenings whose overall level changed by itself in the last days.

    The Cast makes it a text comparison on every database: on SQLite a bare
    key transform is compared as JSON, and the ISO time is not valid JSON."""
    at = Cast(KeyTextTransform("at", "level_change"), TextField())
    return screenings.annotate(level_changed_at=at).filter(
        level_changed_at__gte=changed_since(now)
    )


def _level(key: str) -> str:
    try:
        return str(RiskLevel(key).label)
    except ValueError:
        return key


def cause_text(cause: Mapping[str, str]) -> str:
    kind = cause.get("kind", "")
    values = {
        "list": cause.get("list", ""),
        "edition": cause.get("edition", ""),
        "by": cause.get("by", ""),
        "country": cause.get("country", ""),
        "partner": cause.get("partner", ""),
        "asset": cause.get("asset", ""),
    }
    if kind == "match_confirmed":
        return _("match on %(list)s confirmed by %(by)s") % values
    if kind == "match_dismissed":
        return _("match on %(list)s dismissed by %(by)s") % values
    if kind == "list_edition" and values["list"]:
        return _("new edition of %(list)s (%(edition)s)") % values
    if kind == "list_edition":
        return _("new editions of the named lists")
    if kind == "country_indicators":
        return _("new country indicators for %(country)s") % values
    if kind == "country_assessment":
        return _("the institution's assessment of %(country)s changed") % values
    if kind == "partner_merged":
        return _("the proposed partner was merged into %(partner)s") % values
    if kind == "partner_confirmed":
        return _("the proposed partner was confirmed into the register")
    if kind == "incident":
        return _("an incident was recorded against %(partner)s") % values
    if kind == "asset_changed":
        return _("%(by)s changed %(asset)s in the value register") % values
    if kind == "screened":
        return _("the partner was screened against the named lists again")
    return _("scored again")


def describe(change: Mapping[str, Any] | None) -> str:
    """The sentence, or "" when the level never changed by itself."""
    if not change or not change.get("to"):
        return ""
    before, after = change.get("from", ""), change["to"]
    try:
        when = date_format(datetime.datetime.fromisoformat(change["at"]), "DATE_FORMAT")
    except (KeyError, ValueError):
        when = ""
    values = {"before": _level(before), "after": _level(after), "when": when}
    if before in ("", "incomplete") or after == "incomplete":
        head = _("Changed from %(before)s to %(after)s on %(when)s") % values
    elif _index(after) > _index(before):
        head = _("Raised from %(before)s to %(after)s on %(when)s") % values
    else:
        head = _("Lowered from %(before)s to %(after)s on %(when)s") % values
    return f"{head}: {cause_text(change.get('cause') or {})}"


def _index(level: str) -> int:
    try:
        return level_index(level)
    except (ValueError, KeyError):
        return -1
