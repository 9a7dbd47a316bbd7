"""Background work for country profiles."""

from __future__ import annotations

from celery import shared_task
from django.conf import settings
from django.core.mail import send_mail
from django.utils import timezone, translation
from django.utils.translation import gettext as _


@shared_task(autoretry_for=(OSError,), retry_backoff=True, max_retries=3)
def notify_assessment_recorded(assessment_id: int) -> None:
    """E-mail the contact point's mailbox that a country assessment was recorded."""
    from countries.models import Assessment

    assessment = (
        Assessment.objects.select_related("country", "assessed_by")
        .filter(pk=assessment_id)
        .first()
    )
    if assessment is None or assessment.notified_at is not None:
        return  # gone, or already sent: redelivery (acks_late) is a no-op
    country = assessment.country
    with translation.override(settings.LANGUAGE_CODE):
        subject = _("Country assessment recorded: %(country)s") % {
            "country": country.name
        }
        body = _(
            "%(who)s recorded the institution's assessment of %(country)s: "
            "%(level)s.\n\n%(rationale)s\n\n%(url)s"
        ) % {
            "who": assessment.assessed_by,
            "country": country.name,
            "level": assessment.get_level_display(),
            "rationale": assessment.rationale,
            "url": settings.SITE_URL.rstrip("/") + country.get_absolute_url(),
        }
    send_mail(
        subject,
        body,
        settings.DEFAULT_FROM_EMAIL,
        [settings.CONTACT_POINT_EMAIL],
    )
    Assessment.objects.filter(pk=assessment.pk, notified_at__isnull=True).update(
        notified_at=timezone.now()
    )
