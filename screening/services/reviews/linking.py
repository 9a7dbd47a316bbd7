"""The agreement register after a decision: link, or start a draft agreement.

Called inside the decision's transaction, so the register and the decision
change together or not at all.
"""

from __future__ import annotations

from django.utils import timezone

from agreements.models import Agreement
from screening.models import Screening


def link_agreement(screening: Screening) -> Agreement:
    """Link an approved screening to its agreement, or start a draft agreement."""
    agreement_id = screening.agreement_id
    if agreement_id is None:
        agreement = Agreement.objects.create(
            title=screening.title,
            status=Agreement.Status.DRAFT,
            responsible_unit_id=screening.unit_id,
            responsible_person_id=screening.owner_id,
            start_date=screening.period_start,
            end_date=screening.period_end,
        )
        if screening.partner_id:
            agreement.partners.add(screening.partner_id)
        screening.agreement = agreement
        screening.save(update_fields=["agreement"])
        agreement_id = agreement.pk
    update_agreement(screening, agreement_id)
    return Agreement.objects.get(pk=agreement_id)


def update_agreement(screening: Screening, agreement_id: int) -> None:
    Agreement.objects.filter(pk=agreement_id).update(
        last_screening=screening,
        last_screening_level=screening.overall_level,
        last_screened_at=screening.submitted_at or timezone.now(),
        last_decision=screening.status,
    )
