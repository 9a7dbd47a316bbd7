"""Demo cases for `make run`: two decided demo screenings published through the
same form a contact point uses, so the demo never shows a name."""

from __future__ import annotations

from django.db import transaction

from agreements import roles
from agreements.models import User
from caselibrary import prefill, services
from caselibrary.forms import PublishForm
from caselibrary.models import Case
from screening.models import Screening

WANTED = 2


@transaction.atomic
def seed_cases() -> int:
    """Publish up to two decided screenings; safe to run twice."""
    contact = (
        User.objects.filter(groups__name=roles.CONTACT_POINT).order_by("pk").first()
    )
    if contact is None:
        return 0
    published = Case.objects.published().count()
    decided = Screening.objects.filter(
        status__in=Case.DECIDED, library_case__isnull=True
    ).order_by("-status", "pk")  # rejected and conditional ones first: most to learn
    for screening in decided:
        if published >= WANTED:
            break
        data = prefill.initial(screening)
        data["show_partner"] = published == 0 and screening.partner_id is not None
        form = PublishForm(data=data, screening=screening)
        if form.is_valid():
            services.publish_case(
                screening=screening, data=form.cleaned_data, by=contact
            )
            published += 1
    return published
