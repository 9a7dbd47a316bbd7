"""Rows of the overview as plain values, for the CSV and XLSX exports."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from django.utils.translation import gettext as _

from agreements import flags
from agreements.models import Agreement


def yes_no(value: bool) -> str:
    return _("Yes") if value else _("No")


def export_rows(agreements: Iterable[Agreement]) -> Iterator[dict[str, object]]:
    """One dict per agreement, keyed like spreadsheet.COLUMNS.

    Expects the overview queryset: partners prefetched with their countries and
    the flag_<key> annotations present.
    """
    for agreement in agreements:
        partners = list(agreement.partners.all())
        person = agreement.responsible_person
        yield {
            "id": agreement.pk,
            "title": agreement.title,
            "partners": "; ".join(p.name for p in partners),
            "countries": "; ".join(p.country.name for p in partners),
            "unit": agreement.responsible_unit.name
            if agreement.responsible_unit
            else "",
            "responsible": (person.email or person.username) if person else "",
            "kind": agreement.get_kind_display(),
            "status": agreement.get_status_display(),
            "start_date": agreement.start_date,
            "end_date": agreement.end_date,
            "signing_level": agreement.get_signing_level_display(),
            "academic_freedom_clause": yes_no(agreement.has_academic_freedom_clause),
            "termination_clause": yes_no(agreement.has_termination_clause),
            "export_control_clause": yes_no(agreement.has_export_control_clause),
            "review_interval": agreement.review_interval_months,
            "screening_level": agreement.get_last_screening_level_display(),
            "flags": "; ".join(
                str(flag.label)
                for flag in flags.FLAGS
                if getattr(agreement, f"flag_{flag.key}", False)
            ),
            "notes": agreement.notes,
        }
