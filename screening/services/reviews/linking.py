"""The agreement register after a decision: link, or start a draft agreement.

Called inside the decision's transaction, so the register and the decision
change together or not at all. Every write goes through
agreements.services.update_agreement (the one service that writes an
agreement), so it moves the version and leaves a history entry.
"""

from __future__ import annotations

from django.utils import timezone

from agreements import services as register
from agreements.models import Agreement, Partner, User
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
    return record_on_agreement(screening, by=by, partners=partners)


def record_on_agreement(
    screening: Screening,
    *,
    by: User | None,
    partners: list[Partner] | tuple[()] = (),
    decided: bool = True,
) -> Agreement:
    """Copy the screening's level, date and (when `decided`) status onto its
    agreement, adding these partners, through the register's one writing
    service: the version moves and the agreement's history shows the change."""
    agreement = Agreement.objects.select_for_update().get(pk=screening.agreement_id)
    current = list(agreement.partners.all())
    agreement.last_screening = screening
    agreement.last_screening_level = screening.overall_level
    agreement.last_screened_at = screening.submitted_at or timezone.now()
    if decided:
        agreement.last_decision = screening.status
    return register.update_agreement(
        agreement,
        partners=current + [p for p in partners if p not in current],
        expected_version=agreement.version,
        by=by,
    )
