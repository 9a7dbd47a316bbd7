"""Demo courses, colleagues and completions for the embedded demo (`seed_demo`).

Idempotent: courses are found by title, colleagues by username, completions
by person, course and day. The colleagues have no usable password (they only
fill the coverage figures); dates count back from today so the demo shows
current, expired and missing completions whatever day it runs.
"""

from __future__ import annotations

from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from agreements.models import Unit, User
from competence.models import Completion, Course

COURSES = [
    {
        "title": "Forskningssikkerhet og ansvarlig internasjonalt samarbeid",
        "url": "https://hkdir.no/kunnskapssikkerhet",
        "description": (
            "E-læringskurs (45 minutter) om retningslinjene for ansvarlig "
            "internasjonalt kunnskapssamarbeid: risiko, tiltak og hvem du spør."
        ),
        "renew_months": 24,
        "required_in_screenings": True,
    },
    {
        "title": "Eksportkontroll for forskere",
        "url": "https://www.regjeringen.no/no/tema/utenrikssaker/eksportkontroll/",
        "description": "Orientering fra eksportkontrollrådgiveren, to timer.",
        "renew_months": 36,
        "required_in_screenings": True,
    },
    {
        "title": "Digital sikkerhet på reise",
        "url": "https://nsm.no/",
        "description": "Kort orientering før tjenestereiser til land utenfor EØS.",
        "renew_months": 12,
        "required_in_screenings": False,
    },
    {
        "title": "Introduksjon for nyansatte",
        "url": "",
        "description": "Fast innslag i introduksjonsprogrammet.",
        "renew_months": None,
        "required_in_screenings": False,
    },
]

# (username, first name, last name, unit short name, days ago per course title
# index: None = never taken)
COLLEAGUES = [
    ("demo.aas", "Anders", "Aas", "FYS", (100, 200)),
    ("demo.berg", "Berit", "Berg", "FYS", (900, 300)),
    ("demo.dahl", "David", "Dahl", "KJM", (30, None)),
    ("demo.eide", "Eva", "Eide", "KJM", (60, 60)),
    ("demo.foss", "Fredrik", "Foss", "IFI", (None, None)),
    ("demo.haug", "Hanna", "Haug", "IFI", (400, 1200)),
    ("demo.lie", "Lars", "Lie", "HELSAM", (10, 10)),
    ("demo.moe", "Maria", "Moe", "IKOS", (800, None)),
]
# The demo logins: the researcher is current on one course and expired on the other.
LOGINS = [("forsker", (200, 1500)), ("kontakt", (50, 50)), ("leder", (120, None))]


@transaction.atomic
def seed_competence() -> int:
    """Courses, colleagues and completions; returns the number of completions."""
    courses = [
        Course.objects.update_or_create(title=c["title"], defaults=c)[0]
        for c in COURSES
    ]
    units = {u.short_name: u for u in Unit.objects.all()}
    people: list[tuple[User, tuple]] = []
    for username, first, last, unit, days in COLLEAGUES:
        user, created = User.objects.get_or_create(
            username=username,
            defaults={"first_name": first, "last_name": last, "unit": units.get(unit)},
        )
        if created:
            user.set_unusable_password()
            user.save(update_fields=["password"])
        people.append((user, days))
    people += [
        (user, days)
        for username, days in LOGINS
        if (user := User.objects.filter(username=username).first())
    ]
    today = timezone.localdate()
    for user, days in people:
        for course, ago in zip(courses, days, strict=False):
            if ago is not None:
                Completion.objects.get_or_create(
                    course=course, user=user, completed_on=today - timedelta(days=ago)
                )
    return Completion.objects.count()


def seed_bench(users: list[User], *, rng) -> int:
    """Benchmark volume: the demo courses and, for about two in three users,
    a completion of each required course at a random day in the last three
    years (so some are current and some expired). Returns the rows added."""
    courses = [
        Course.objects.update_or_create(title=c["title"], defaults=c)[0]
        for c in COURSES
        if c["required_in_screenings"]
    ]
    today = timezone.localdate()
    rows = [
        Completion(
            course=course,
            user_id=user.pk,
            completed_on=today - timedelta(days=rng.randrange(1100)),
        )
        for user in users
        for course in courses
        if rng.random() < 0.67
    ]
    Completion.objects.bulk_create(rows, batch_size=1000, ignore_conflicts=True)
    return len(rows)
