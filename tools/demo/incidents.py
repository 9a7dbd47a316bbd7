"""Demo reports of pressure and incidents for the embedded demo (`seed_demo`);
never for production. Idempotent (a report with the same text is left alone);
no e-mail is sent (rows are written directly, marked as notified)."""

from __future__ import annotations

import datetime

from django.db import transaction
from django.utils import timezone

from agreements.models import Partner, User
from incidents import services
from incidents.models import IncidentMessage, IncidentReport

Status = IncidentReport.Status

PRESSURE = (
    "En gjesteforsker fra partneren ba meg flere ganger om å få kopiere rådata fra "
    "laserlaben til en privat minnepinne, også etter at jeg sa nei. Han sa at "
    "ledelsen hjemme forventet dataene før han reiste tilbake."
)
THREAD = (
    ("kontakt", "Takk for at du sa fra, og du gjorde riktig i å si nei. Kan vi ta "
     "en prat i morgen? Inntil da: ikke gi ut data utenom avtalen, og noter hvem "
     "som spør og når."),
    ("forsker", "Ja, jeg er ledig klokka 10. Jeg har skrevet ned datoene."),
)  # fmt: skip
PHISHING = (
    "Jeg fikk en e-post fra en avsender som utga seg for å være fra et departement "
    "og ba om tekniske detaljer om prosjektet vårt på kvantesensorer. Lenken i "
    "e-posten ba meg logge inn med universitetsbrukeren min. Jeg klikket ikke."
)


def _report(reporter, text, when, **fields) -> IncidentReport | None:
    if IncidentReport.objects.filter(what_happened=text).exists():
        return None
    received = timezone.now() - datetime.timedelta(days=when)
    report = IncidentReport.objects.create(
        year=received.year,
        number=services.next_number(received.year),
        reporter=reporter,
        what_happened=text,
        occurred_on=received.date() - datetime.timedelta(days=1),
        notified_at=received,
        **fields,
    )
    IncidentReport.objects.filter(pk=report.pk).update(created_at=received)
    report.created_at = received
    return report


@transaction.atomic
def seed_reports() -> int:
    found = User.objects.filter(username__in=["forsker", "kontakt"])
    users = {u.username: u for u in found}
    if len(users) < 2:
        return 0
    made = 0
    partner = Partner.objects.filter(name="Harbin Institute of Technology").first()
    first = _report(
        users["forsker"],
        PRESSURE,
        6,
        partner=partner,
        country=partner.country if partner else None,
        status=Status.IN_PROGRESS,
    )
    if first:
        made += 1
        for hours, (author, text) in enumerate(THREAD, start=1):
            message = IncidentMessage.objects.create(
                report=first, author=users[author], text=text
            )
            sent = first.created_at + datetime.timedelta(hours=20 * hours)
            IncidentMessage.objects.filter(pk=message.pk).update(
                created_at=sent, notified_at=sent
            )
    second = _report(
        users["forsker"],
        PHISHING,
        1,
        anonymous=True,
        routed_at=timezone.now(),
        routed_by=users["kontakt"],
        routed_notified_at=timezone.now(),
    )
    made += second is not None
    return made
