"""The agreement register after a decision: link, or start a draft agreement.

Called inside the decision's transaction, so the register and the decision
change together or not at all.
"""

from __future__ import annotations

from django.utils import timezone

from agreements import services as register
from agreements.models import Agreement, User
from screening.models import Screening


def link_agreement(screening: Screening, *, by: User | None = None) -> Agreement:
    """Link an approved screening to its agreement, or start a draft agreement;
    either way its registered partner is on the agreement (with its country),
    written by the register's own services."""
    partners = [screening.partner] if screening.partner_id else []
    partners = [p for p in partners if not p.proposed]
    if screening.agreement_id is None:
        agreement = register.create_agreement(
            Agreement(
                title=screening.title,
                status=Agreement.Status.DRAFT,
                responsible_unit_id=screening.unit_id,
                responsible_person_id=screening.owner_id,
                start_date=screening.period_start,
                end_date=screening.period_end,
            ),
            partners=partners,
            by=by,
        )
        screening.agreement = agreement
        screening.save(update_fields=["agreement"])
    else:
        agreement = Agreement.objects.get(pk=screening.agreement_id)
        current = list(agreement.partners.all())
        missing = [p for p in partners if p not in current]
        if missing:
            register.update_agreement(
                agreement,
                partners=current + missing,
                expected_version=agreement.version,
                by=by,
            )
    update_agreement(screening, agreement.pk)
    return Agreement.objects.get(pk=agreement.pk)


def update_agreement(screening: Screening, agreement_id: int) -> None:
    Agreement.objects.filter(pk=agreement_id).update(
        last_screening=screening,
        last_screening_level=screening.overall_level,
        last_screened_at=screening.submitted_at or timezone.now(),
        last_decision=screening.status,
    )
