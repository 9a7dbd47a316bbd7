"""Know your partner: proposed partners and what a screening needs from the
partner register.

A partner a researcher proposes in a screening becomes a Partner at once,
marked `proposed` and screened against the named lists
(`named_lists.screen_partner`, the one screening service every path uses).
The contact point confirms it into the register or merges it into a partner
that was there already. While a screening's partner is an unconfirmed
proposal, or has a probable named-list match nobody has decided on, the
screening cannot be approved (`approval_blockers`).
"""

from __future__ import annotations

from django.db import transaction
from django.db.models import QuerySet
from django.utils.translation import gettext as _

from agreements import named_lists
from agreements.matching import PROBABLE
from agreements.models import Agreement, Partner, PartnerAlias, PartnerMatch, User
from countries.models import Country


@transaction.atomic
def propose_partner(
    *, name: str, country: Country, website: str = "", by: User
) -> Partner:
    """Register a researcher's new partner as a proposal, screened at once."""
    partner = Partner(
        name=name.strip(),
        country=country,
        website=website,
        kind=Partner.Kind.OTHER,
        proposed=True,
    )
    partner._history_user = by
    partner.save()
    named_lists.screen_partner(partner)
    return partner


def pending_matches(partner_id: int | None) -> QuerySet[PartnerMatch]:
    """Probable matches on current entries that await the contact point."""
    return PartnerMatch.objects.filter(
        partner_id=partner_id,
        status=PartnerMatch.Status.CANDIDATE,
        score__gte=PROBABLE,
        entry__active=True,
    ).order_by("-score", "pk")


def approval_blockers(partner: Partner | None) -> list[str]:
    """Why a screening with this partner cannot be approved (empty: it can)."""
    if partner is None:
        return []
    reasons = []
    if partner.proposed:
        reasons.append(
            _(
                "The partner “%(name)s” is a proposal: confirm it into the "
                "register or merge it into an existing partner first."
            )
            % {"name": partner.name}
        )
    for match in pending_matches(partner.pk):
        reasons.append(
            _("Possible match on %(list)s awaits your decision.")
            % {"list": match.entry.named_list.title}
        )
    return reasons


@transaction.atomic
def confirm_partner(partner: Partner, *, kind: str = "", by: User) -> Partner:
    """Take a proposed partner into the register (with the type the
    researcher gave, when known); its screenings are scored again."""
    partner = Partner.objects.select_for_update().get(pk=partner.pk)
    if not partner.proposed:
        return partner
    partner.proposed = False
    if kind in Partner.Kind.values:
        partner.kind = kind
    partner._history_user = by
    partner.save()
    named_lists.enqueue_rescore(
        partner_ids=[partner.pk], cause={"kind": "partner_confirmed"}
    )
    return partner


@transaction.atomic
def merge_partner(proposed: Partner, *, into: Partner, by: User) -> Partner:
    """Fold a proposed partner into an existing one: its screenings and
    agreements move over, its name becomes an alias, and the partner is
    screened again under its aliases."""
    proposed = Partner.objects.select_for_update().get(pk=proposed.pk)
    if not proposed.proposed or proposed.pk == into.pk:
        raise ValueError("only a proposed partner can be merged into another")
    for screening in proposed.screenings.all():  # Screening.partner's reverse
        screening.partner = into
        screening.save(update_fields=["partner"])
    for agreement in Agreement.objects.filter(partners=proposed):
        agreement.partners.remove(proposed)
        agreement.partners.add(into)
    known = {into.name.lower(), *(a.lower() for a in _aliases(into))}
    if proposed.name.lower() not in known:
        PartnerAlias.objects.create(partner=into, name=proposed.name)
    proposed._history_user = by
    proposed.delete()
    named_lists.screen_partner(into, rescore=False)
    named_lists.enqueue_rescore(
        partner_ids=[into.pk], cause={"kind": "partner_merged", "partner": into.name}
    )
    return into


def _aliases(partner: Partner) -> list[str]:
    return list(partner.aliases.values_list("name", flat=True))
