"""Benchmark volumes for `seed_demo --scale N` (N=1: 10,000 agreements ...).

Deterministic (one seeded `random.Random`) and fast: rows are built in memory
and written with `bulk_create` in batches; screenings are scored in memory
through the real engine (`screening.scoring.score`) before they are written,
so their stored results are what the web flow would have stored. Bulk inserts
skip `save()` and django-simple-history, which is fine for benchmark rows.
"""

from __future__ import annotations

import datetime
import random
from collections.abc import Callable
from dataclasses import dataclass

from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.db import connection, transaction
from django.utils import timezone

from agreements import roles
from agreements.models import Agreement, Partner, PartnerAlias, Unit, User
from countries.facts import CountryFacts, PartnerFacts
from countries.models import Country
from screening import questionnaire as qn
from screening import scoring
from screening.models import Screening

PER_SCALE = {
    "agreements": 10_000,
    "partners": 3_000,
    "screenings": 5_000,
    "units": 30,
    "users": 500,
}
BATCH = 1_000
MARK = "BENCH"  # short_name prefix of the benchmark units: the "already seeded" mark
# A unit with exactly 10 active research agreements: the rows left for the query
# counts "at 10 rows", all matching the benchmark's filter.
SMALL_UNIT = f"{MARK}-S"
COMMON = [
    "SE",
    "DK",
    "FI",
    "DE",
    "FR",
    "NL",
    "GB",
    "US",
    "CA",
    "JP",
    "CN",
    "IN",
    "RU",
    "BR",
    "ZA",
    "KR",
    "AU",
    "CH",
    "ES",
    "IT",
    "PL",
    "IR",
    "TR",
]
PLACES = [
    "Northern",
    "Eastern",
    "Western",
    "Central",
    "Southern",
    "Coastal",
    "Highland",
    "Capital",
    "Lake",
    "River",
    "Harbin",
    "Nanjing",
    "Tomsk",
    "Kazan",
    "Lyon",
    "Leiden",
    "Uppsala",
    "Aarhus",
    "Tartu",
    "Porto",
    "Graz",
    "Pune",
]
FIELDS = [
    "Technology",
    "Science",
    "Medicine",
    "Engineering",
    "Agriculture",
    "Economics",
    "Physics",
    "Energy",
    "Aeronautics",
    "Ocean",
    "Polar",
    "Materials",
    "Informatics",
    "Mining",
    "Forestry",
    "Education",
]
PATTERNS = (
    "University of {place}",
    "{place} University of {field}",
    "{place} Institute of {field}",
    "{field} Research Centre {place}",
    "National {field} Laboratory of {place}",
    "{place} {field} Company",
)
YNU_WEIGHTS = (("no", 90), ("yes", 7), ("unknown", 3))  # most cases come out Low
DONE = (
    Screening.Status.SUBMITTED,
    Screening.Status.IN_REVIEW,
    Screening.Status.APPROVED,
    Screening.Status.APPROVED,
    Screening.Status.APPROVED,
    Screening.Status.APPROVED_WITH_CONDITIONS,
    Screening.Status.CHANGES_REQUESTED,
    Screening.Status.REJECTED,
)


@dataclass(frozen=True)
class Volume:
    units: int
    users: int
    partners: int
    agreements: int
    screenings: int
    seconds: float

    def __str__(self) -> str:
        return (
            f"{self.agreements} agreements, {self.partners} partners, "
            f"{self.screenings} screenings, {self.units} units, {self.users} users "
            f"in {self.seconds:.1f} s"
        )


def counts(scale: float) -> dict[str, int]:
    return {
        k: max(10 if k != "units" else 3, round(v * scale))
        for k, v in PER_SCALE.items()
    }


def is_seeded() -> bool:
    return Unit.objects.filter(short_name__startswith=MARK).exists()


def seed_volume(
    *, scale: float, seed: int = 8, log: Callable[[str], None] = print
) -> Volume:
    """Create the benchmark rows for `scale` (once: a second call does nothing)."""
    started = timezone.now()
    if not Country.objects.exists():
        log("Loading reference data (countries, indicators, named lists) ...")
        call_command("load_reference_data")
    if is_seeded():
        log("Benchmark data is already there; nothing to do.")
        return _volume(started)
    rng = random.Random(seed)
    n = counts(scale)
    with transaction.atomic():
        units = _units(n["units"])
        users = _users(rng, n["users"], units)
        partners = _partners(rng, n["partners"])
        agreements = _agreements(rng, n["agreements"], units, users, partners)
        _screenings(rng, n["screenings"], agreements, users)
        from tools.demo import competence as competence_demo

        competence_demo.seed_bench(users, rng=rng)
    with connection.cursor() as cursor:
        # Planner statistics, as a live database would have them: without them
        # PostgreSQL picks nested loops that make the overview's counts 100x slower.
        cursor.execute("ANALYZE")
    return _volume(started)


def _volume(started: datetime.datetime) -> Volume:
    return Volume(
        units=Unit.objects.count(),
        users=User.objects.count(),
        partners=Partner.objects.count(),
        agreements=Agreement.objects.count(),
        screenings=Screening.objects.count(),
        seconds=(timezone.now() - started).total_seconds(),
    )


def _units(count: int) -> list[Unit]:
    faculty = Unit.objects.create(name="Benkfakultetet", short_name=f"{MARK}-F")
    small = Unit(name="Lite benkinstitutt", short_name=SMALL_UNIT, parent=faculty)
    rows = [small] + [
        Unit(name=f"Benkinstitutt {i:03}", short_name=f"{MARK}{i:03}", parent=faculty)
        for i in range(1, count - 1)
    ]
    return [faculty, *Unit.objects.bulk_create(rows, batch_size=BATCH)]


def _users(rng: random.Random, count: int, units: list[Unit]) -> list[User]:
    password = make_password("correct horse battery staple")  # one hash for all
    rows = [
        User(
            username=f"bench{i:05}",
            first_name=rng.choice(("Ingrid", "Ola", "Aisha", "Lars", "Mei", "Jonas")),
            last_name=f"Benk{i:05}",
            email=f"bench{i:05}@bench.example.no",
            unit=units[i % len(units)],
            password=password,
        )
        for i in range(count)
    ]
    users = User.objects.bulk_create(rows, batch_size=BATCH)
    groups = {g.name: g.pk for g in Group.objects.filter(name__in=roles.ALL)}
    plan = [roles.CONTACT_POINT, roles.EXPORT_CONTROL, roles.LEADERSHIP]
    through = User.groups.through
    links = [
        through(user_id=u.pk, group_id=groups[plan[i] if i < 3 else roles.RESEARCHER])
        for i, u in enumerate(users)
    ]
    through.objects.bulk_create(links, batch_size=BATCH)
    return users


def _partners(rng: random.Random, count: int) -> list[Partner]:
    all_countries = list(Country.objects.values_list("pk", flat=True))
    common = [c for c in COMMON if c in set(all_countries)] or all_countries
    kinds = [k for k, _ in Partner.Kind.choices]
    rows = []
    for i in range(count):
        pattern = rng.choice(PATTERNS)
        name = pattern.format(place=rng.choice(PLACES), field=rng.choice(FIELDS))
        country = rng.choice(common if rng.random() < 0.8 else all_countries)
        kind = "company" if name.endswith("Company") else rng.choice(kinds[:3])
        rows.append(Partner(name=f"{name} {i}", country_id=country, kind=kind))
    partners = Partner.objects.bulk_create(rows, batch_size=BATCH)
    aliases = [
        PartnerAlias(
            partner=p, name="".join(w[0] for w in p.name.split()), kind="abbreviation"
        )
        for p in partners
        if rng.random() < 0.2
    ]
    PartnerAlias.objects.bulk_create(aliases, batch_size=BATCH)
    return partners


def _agreements(rng, count, units, users, partners) -> list[Agreement]:
    today = timezone.localdate()
    kinds = [k for k, _ in Agreement.Kind.choices]
    statuses = [s for s, _ in Agreement.Status.choices]
    small = next(u for u in units if u.short_name == SMALL_UNIT)
    others = [u for u in units[1:] if u is not small]
    rows = []
    for i in range(count):
        start = today - datetime.timedelta(days=rng.randint(-90, 2_000))
        unit = small if i < 10 else rng.choice(others)
        rows.append(
            Agreement(
                title=f"{rng.choice(FIELDS)} collaboration {i:05}",
                kind=Agreement.Kind.RESEARCH if i < 10 else rng.choice(kinds),
                status=Agreement.Status.ACTIVE if i < 10 else rng.choice(statuses),
                responsible_unit=unit,
                responsible_person=rng.choice(users),
                start_date=start,
                end_date=start + datetime.timedelta(days=rng.randint(30, 1_800)),
                has_termination_clause=rng.random() < 0.6,
                has_academic_freedom_clause=rng.random() < 0.5,
                review_interval_months=rng.choice((6, 12, 24, 36)),
            )
        )
    agreements = Agreement.objects.bulk_create(rows, batch_size=BATCH)
    through = Agreement.partners.through
    links = []
    for agreement in agreements:
        chosen = rng.sample(partners, k=rng.choice((1, 1, 1, 2, 3)))
        links += [through(agreement_id=agreement.pk, partner_id=p.pk) for p in chosen]
    through.objects.bulk_create(links, batch_size=BATCH)
    agreement_partner = {}
    for link in links:
        agreement_partner.setdefault(link.agreement_id, link.partner_id)
    by_pk = {p.pk: p for p in partners}
    for agreement in agreements:
        agreement.first_partner_obj = by_pk[agreement_partner[agreement.pk]]
    return agreements


def random_answers(
    rng: random.Random, q: qn.Questionnaire, partner: Partner, today: datetime.date
) -> dict[str, object]:
    """An answer to every question; `clean_answers` then keeps the visible ones."""
    answers: dict[str, object] = {}
    for question in q.questions:
        kind = question.type
        keys = question.option_keys
        if kind == "ynu" and rng.random() < 0.1:
            answers[question.key] = rng.choices(
                [k for k, _ in YNU_WEIGHTS], [w for _, w in YNU_WEIGHTS]
            )[0]
        elif kind in ("ynu", "choice", "multi") and keys:
            benign = min(
                question.options, key=lambda o: (sum(o.points.values()), o.gap)
            ).key
            if rng.random() < 0.85:
                value = [benign]
            else:
                value = rng.sample(keys, k=min(len(keys), rng.randint(1, 2)))
            answers[question.key] = value if kind == "multi" else value[0]
        elif kind == "text":
            answers[question.key] = "Svar fra benkdata."[: question.max_length]
        elif kind == "date":
            answers[question.key] = (
                today + datetime.timedelta(days=rng.randint(0, 900))
            ).isoformat()
        elif kind == "country":
            answers[question.key] = partner.country_id
        elif kind == "partner":
            answers[question.key] = str(partner.pk)
    return answers


def country_facts() -> dict[str, CountryFacts]:
    countries = Country.objects.prefetch_related("indicators")
    return {
        c.pk: c.facts() if hasattr(c, "facts") else CountryFacts(c.pk, c.name)
        for c in countries
    }


def partner_facts(partner: Partner) -> PartnerFacts:
    return PartnerFacts(partner.pk, partner.name, partner.country_id, partner.kind)


def _screenings(rng, count, agreements, users) -> None:
    q = qn.load(*qn.CURRENT)
    facts = country_facts()
    today = timezone.localdate()
    researchers_by_unit: dict[int, list[User]] = {}
    for user in users[3:]:
        researchers_by_unit.setdefault(user.unit_id, []).append(user)
    stages = [s for s, _ in Screening.Stage.choices]
    rows = []
    for agreement in agreements[:count]:
        partner = agreement.first_partner_obj
        stage = rng.choice(stages)
        answers = random_answers(rng, q, partner, today)
        answers["case.stage"] = stage
        context = qn.Context(
            country=facts[partner.country_id],
            partners=(partner_facts(partner),),
            stage=stage,
        )
        clean = qn.clean_answers(q, answers, context)
        result = scoring.score(q, clean, context.country, context.partners, stage=stage)
        done = result.overall is not None and rng.random() < 0.7
        owners = researchers_by_unit.get(agreement.responsible_unit_id) or users[3:]
        screening = Screening(
            owner=rng.choice(owners),
            title=agreement.title,
            partner=partner,
            country_id=partner.country_id,
            unit_id=agreement.responsible_unit_id,
            stage=stage,
            agreement=agreement,
            questionnaire_id=q.id,
            questionnaire_version=q.version,
            answers=clean,
            result=result.to_json(),
            overall_level=result.overall or Screening.Level.INCOMPLETE,
            status=rng.choice(DONE) if done else Screening.Status.DRAFT,
            submitted_at=timezone.now() if done else None,
        )
        screening.derive_fields()  # revision 1 and the dimension levels
        rows.append(screening)
    screenings = Screening.objects.bulk_create(rows, batch_size=BATCH)
    by_agreement = {s.agreement_id: s for s in screenings}
    now = timezone.now()
    for agreement in agreements[:count]:
        screening = by_agreement[agreement.pk]
        agreement.last_screening = screening
        agreement.last_screening_level = screening.overall_level
        agreement.last_screened_at = now - datetime.timedelta(days=rng.randint(0, 900))
    Agreement.objects.bulk_update(
        agreements[:count],
        ["last_screening", "last_screening_level", "last_screened_at"],
        batch_size=BATCH,
    )
