"""Decided screenings and published cases for the case library tests."""

from __future__ import annotations

from django.utils import timezone

from caselibrary.models import Case
from screening.models import Screening, Transition
from tests import factories as f


def decided_screening(
    status: str = Screening.Status.APPROVED_WITH_CONDITIONS,
    *,
    reviewer=None,
    reason: str = "Conditions on data access.",
    **kwargs,
) -> Screening:
    screening = f.ScreeningFactory(status=status, **kwargs)
    action = {
        Screening.Status.APPROVED: Transition.Action.APPROVE,
        Screening.Status.APPROVED_WITH_CONDITIONS: (
            Transition.Action.APPROVE_WITH_CONDITIONS
        ),
        Screening.Status.REJECTED: Transition.Action.REJECT,
    }.get(status, Transition.Action.SUBMIT)
    Transition.objects.create(
        screening=screening,
        action=action,
        from_status=Screening.Status.IN_REVIEW,
        to_status=status,
        actor=reviewer or f.contact_point(first_name="Rita", last_name="Revisor"),
        comment=reason,
    )
    return screening


def published_case(screening: Screening | None = None, **fields) -> Case:
    screening = screening or decided_screening()
    values = {
        "title": "Robotics with a partner abroad",
        "planned": "A joint laboratory.",
        "mattered": "Dual use.",
        "decided": "Approved with conditions.",
        "decision": screening.status,
        "theme": Case.Theme.EXPORT_CONTROL,
        "research_area": "",
        "country": screening.country,
        "partner": screening.partner,
        "show_partner": False,
        "published_by": f.contact_point(),
        "published_at": timezone.now(),
        **fields,
    }
    return Case.objects.create(screening=screening, **values)
