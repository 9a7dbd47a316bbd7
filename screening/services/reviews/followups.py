"""Follow-ups: the conditions of an approval, carried out by their owner.

Created by `approve_with_conditions` (one per line of the conditions). The
owner marks one done with a note; the beat schedule reminds the owner once,
a few days before it falls due.
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from agreements import roles
from agreements.models import User
from config import fragments
from screening.models import FollowUp
from screening.services.reviews.transitions import Outcome, require

can_complete = roles.may_complete_follow_up  # the rule lives in agreements.roles


@transaction.atomic
def complete_follow_up(follow_up: FollowUp, *, by: User, note: str) -> Outcome:
    """Mark a condition carried out, saying how."""
    require(can_complete(by, follow_up))
    if not note.strip():
        return Outcome(False, _("Say what was done."))
    updated = FollowUp.objects.filter(pk=follow_up.pk, done_at=None).update(
        done_at=timezone.now(), done_by=by, done_note=note.strip()
    )
    if not updated:
        return Outcome(False, _("Nothing changed: this follow-up is already done."))
    fragments.changed()  # update() sends no signal
    return Outcome(True, _("The follow-up is marked done."))


def open_for(user: User):
    """The follow-ups still to do that this user owns, soonest first."""
    return FollowUp.objects.filter(owner=user, done_at=None).select_related("screening")


def release_follow_up_reminder(follow_up: FollowUp) -> None:
    """Undo a claim whose e-mail failed, so the next daily run sends it."""
    FollowUp.objects.filter(pk=follow_up.pk).update(reminded_at=None)


def claim_due_reminders() -> list[FollowUp]:
    """Open follow-ups due within FOLLOW_UP_REMINDER_DAYS, not yet reminded of.

    Claimed by a conditional UPDATE, so a second run (or a redelivered task)
    finds nothing: each follow-up is reminded of once.
    """
    horizon = timezone.localdate() + datetime.timedelta(
        days=settings.FOLLOW_UP_REMINDER_DAYS
    )
    due = FollowUp.objects.filter(
        done_at=None, reminded_at=None, due_date__lte=horizon
    ).values_list("pk", flat=True)
    claimed = []
    for pk in list(due):
        if FollowUp.objects.filter(pk=pk, reminded_at=None).update(
            reminded_at=timezone.now()
        ):
            claimed.append(pk)
    return list(
        FollowUp.objects.filter(pk__in=claimed).select_related("screening", "owner")
    )
