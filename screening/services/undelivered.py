"""Review e-mails that could not be delivered: listed, and sent again on request."""

from __future__ import annotations

from django.db import transaction
from django.db.models import QuerySet

from agreements.models import User
from config.queueing import send_on_commit
from screening.models import UndeliveredEmail


def undelivered() -> QuerySet[UndeliveredEmail]:
    return UndeliveredEmail.objects.select_related("screening")


@transaction.atomic
def send_again(email: UndeliveredEmail, *, by: User) -> bool:
    """Queue the e-mail again for the recipients that did not get it (with the
    usual retries). False if someone else already did."""
    deleted, _ = UndeliveredEmail.objects.filter(pk=email.pk).delete()
    if not deleted:
        return False
    task = f"screening.tasks.notify_{email.kind}"  # notify_submitted, notify_routed ...
    send_on_commit(task, email.object_id, email.recipients)
    return True
