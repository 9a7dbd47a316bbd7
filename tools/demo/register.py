"""Demo register: partners and agreements for the embedded demo (`seed_demo`).

Deterministic and idempotent: partners are keyed by name and agreements by
title, so running it again updates the same rows. Dates are relative to
today so the demo always has agreements about to expire.
"""

from __future__ import annotations

import datetime

from django.db import transaction
from django.utils import timezone

from agreements.models import Agreement, Partner, PartnerAlias, Unit, User
from countries.models import Country

# iso2: (iso3, bokmål, English), used only when reference data is not loaded.
COUNTRIES = {
    "US": ("USA", "USA", "United States"),
    "CA": ("CAN", "Canada", "Canada"),
    "GB": ("GBR", "Storbritannia", "United Kingdom"),
    "DE": ("DEU", "Tyskland", "Germany"),
    "NL": ("NLD", "Nederland", "Netherlands"),
    "SE": ("SWE", "Sverige", "Sweden"),
    "FR": ("FRA", "Frankrike", "France"),
    "JP": ("JPN", "Japan", "Japan"),
    "KR": ("KOR", "Sør-Korea", "South Korea"),
    "CN": ("CHN", "Kina", "China"),
    "RU": ("RUS", "Russland", "Russia"),
    "IR": ("IRN", "Iran", "Iran"),
    "IN": ("IND", "India", "India"),
    "SG": ("SGP", "Singapore", "Singapore"),
    "ZA": ("ZAF", "Sør-Afrika", "South Africa"),
    "KE": ("KEN", "Kenya", "Kenya"),
    "GH": ("GHA", "Ghana", "Ghana"),
    "BR": ("BRA", "Brasil", "Brazil"),
    "CL": ("CHL", "Chile", "Chile"),
    "MX": ("MEX", "Mexico", "Mexico"),
    "TR": ("TUR", "Tyrkia", "Türkiye"),
    "SA": ("SAU", "Saudi-Arabia", "Saudi Arabia"),
}

U, R, C, M = "university", "research_institute", "company", "military"
# (name, country, kind, aliases, website)
PARTNERS = [
    ("Massachusetts Institute of Technology", "US", U, ["MIT"], "https://www.mit.edu"),
    ("University of California, Berkeley", "US", U, ["UC Berkeley"], ""),
    ("University of Washington", "US", U, ["UW"], "https://www.washington.edu"),
    ("University of Toronto", "CA", U, ["U of T"], "https://www.utoronto.ca"),
    ("McGill University", "CA", U, ["Université McGill"], ""),
    ("University of Edinburgh", "GB", U, [], "https://www.ed.ac.uk"),
    ("Imperial College London", "GB", U, ["Imperial"], ""),
    ("University of Oxford", "GB", U, [], "https://www.ox.ac.uk"),
    (
        "Technische Universität München",
        "DE",
        U,
        ["TUM", "Technical University of Munich"],
        "",
    ),
    ("Helmholtz-Zentrum Dresden-Rossendorf", "DE", R, ["HZDR"], ""),
    ("Max-Planck-Gesellschaft", "DE", R, ["Max Planck Society"], ""),
    ("Siemens Energy AG", "DE", C, [], ""),
    ("Delft University of Technology", "NL", U, ["TU Delft"], ""),
    ("Wageningen University & Research", "NL", U, ["WUR"], ""),
    ("Lunds universitet", "SE", U, ["Lund University"], ""),
    ("KTH Royal Institute of Technology", "SE", U, ["Kungliga Tekniska högskolan"], ""),
    ("Sorbonne Université", "FR", U, ["Sorbonne University"], ""),
    ("Centre national de la recherche scientifique", "FR", R, ["CNRS"], ""),
    ("University of Tokyo", "JP", U, ["東京大学", "Todai"], ""),
    ("Kyoto University", "JP", U, ["京都大学"], ""),
    ("Korea Advanced Institute of Science and Technology", "KR", U, ["KAIST"], ""),
    ("Seoul National University", "KR", U, ["SNU"], ""),
    ("Tsinghua University", "CN", U, ["清华大学"], "https://www.tsinghua.edu.cn"),
    ("Peking University", "CN", U, ["北京大学", "PKU"], ""),
    ("Zhejiang University", "CN", U, ["浙江大学"], ""),
    ("Harbin Institute of Technology", "CN", U, ["HIT", "哈尔滨工业大学"], ""),
    ("National University of Defense Technology", "CN", M, ["NUDT"], ""),
    ("Beijing Institute of Technology", "CN", U, ["BIT", "北京理工大学"], ""),
    ("Huawei Technologies Co., Ltd.", "CN", C, ["Huawei"], ""),
    ("Bauman Moscow State Technical University", "RU", U, ["BMSTU"], ""),
    ("Saint Petersburg State University", "RU", U, ["SPbU"], ""),
    ("Skolkovo Institute of Science and Technology", "RU", U, ["Skoltech"], ""),
    ("Sharif University of Technology", "IR", U, ["SUT"], ""),
    ("University of Tehran", "IR", U, [], ""),
    ("Indian Institute of Science", "IN", U, ["IISc"], ""),
    ("Indian Institute of Technology Bombay", "IN", U, ["IIT Bombay"], ""),
    ("National University of Singapore", "SG", U, ["NUS"], ""),
    ("University of Cape Town", "ZA", U, ["UCT"], ""),
    ("Stellenbosch University", "ZA", U, ["Universiteit Stellenbosch"], ""),
    ("University of Nairobi", "KE", U, [], ""),
    ("University of Ghana", "GH", U, [], ""),
    ("Universidade de São Paulo", "BR", U, ["USP", "University of São Paulo"], ""),
    ("Fundação Oswaldo Cruz", "BR", R, ["Fiocruz"], ""),
    ("Pontificia Universidad Católica de Chile", "CL", U, ["UC Chile"], ""),
    ("Universidad Nacional Autónoma de México", "MX", U, ["UNAM"], ""),
    ("Middle East Technical University", "TR", U, ["METU", "ODTÜ"], ""),
    ("King Abdullah University of Science and Technology", "SA", U, ["KAUST"], ""),
]

# Titles as the institution's researchers write them (in bokmål).
TOPICS = [
    "Arktiske klimaobservasjoner",
    "Kvantematerialer",
    "Student- og ansattutveksling",
    "Felles masterprogram i energisystemer",
    "Batterikjemi",
    "Kohortdata i global helse",
    "Maskinlæring for medisinsk bildediagnostikk",
    "Havforsuring",
    "Språkteknologi for minoritetsspråk",
    "Hydrogenlagring",
    "Epidemiologi for antimikrobiell resistens",
    "Halvlederfotonikk",
    "Migrasjon i byer",
    "Bærekraftig havbruk",
    "Robotikk og autonome systemer",
    "Digitalisering av kulturarv",
]
KINDS = [
    Agreement.Kind.RESEARCH,
    Agreement.Kind.RESEARCH,
    Agreement.Kind.EXCHANGE,
    Agreement.Kind.DEGREE,
    Agreement.Kind.RESEARCH,
    Agreement.Kind.DATA,
    Agreement.Kind.MOU,
    Agreement.Kind.CONSORTIUM,
    Agreement.Kind.GUEST,
    Agreement.Kind.CONTRACT,
]
UNITS = ["FYS", "KJM", "IFI", "HELSAM", "IKOS", "SV", "MN", "MED"]
# Days from today to the end date: some already past, some within 90 days.
END_OFFSETS = [420, -200, 25, 800, 70, 1300, -15, 540, 160, 88, 1000, 6, 365, -400]
REVIEW = [12, 24, 12, 36, 6]
SIGNING = ["rector", "dean", "department", "dean", "project"]
AGREEMENT_COUNT = 64


def _countries() -> dict[str, Country]:
    countries = {}
    for iso2, (iso3, name_nb, name_en) in COUNTRIES.items():
        countries[iso2], _ = Country.objects.get_or_create(
            iso2=iso2, defaults={"iso3": iso3, "name_nb": name_nb, "name_en": name_en}
        )
    return countries


def _partners(countries: dict[str, Country]) -> list[Partner]:
    partners = []
    for name, iso2, kind, aliases, website in PARTNERS:
        partner = Partner.objects.filter(name=name).order_by("pk").first()
        if partner is None:
            partner = Partner(name=name)
        partner.country, partner.kind, partner.website = countries[iso2], kind, website
        partner.save()
        for alias in aliases:
            PartnerAlias.objects.get_or_create(partner=partner, name=alias)
        partners.append(partner)
    return partners


def _status(index: int, end: datetime.date, today: datetime.date) -> str:
    if index % 13 == 5:
        return Agreement.Status.DRAFT
    if index % 17 == 9:
        return Agreement.Status.TERMINATED
    if end < today and index % 3 != 0:
        return Agreement.Status.EXPIRED
    return Agreement.Status.ACTIVE  # some of these have ended: "expired, active"


@transaction.atomic
def seed_register(units: dict[str, Unit]) -> int:
    """Create or refresh the demo register; returns the number of agreements."""
    today = timezone.localdate()
    partners = _partners(_countries())
    researcher = User.objects.filter(username="forsker").first()
    for index in range(AGREEMENT_COUNT):
        partner = partners[index % len(partners)]
        topic = TOPICS[index % len(TOPICS)]
        kind = KINDS[index % len(KINDS)]
        end = today + datetime.timedelta(days=END_OFFSETS[index % len(END_OFFSETS)])
        start = end - datetime.timedelta(days=365 * (2 + index % 4))
        unit = units[UNITS[index % len(UNITS)]]
        agreement, _ = Agreement.objects.update_or_create(
            title=f"{topic}: {partner.name}",
            defaults={
                "kind": kind,
                "status": _status(index, end, today),
                "responsible_unit": unit,
                "responsible_person": researcher if unit.short_name == "FYS" else None,
                "start_date": start,
                "end_date": end,
                "signing_level": SIGNING[index % len(SIGNING)],
                "has_academic_freedom_clause": index % 3 != 0,
                "has_termination_clause": index % 5 != 2,
                "has_export_control_clause": index % 4 == 0,
                "review_interval_months": REVIEW[index % len(REVIEW)],
                "notes": "",
            },
        )
        chosen = [partner]
        if kind == Agreement.Kind.CONSORTIUM:
            chosen.append(partners[(index + 7) % len(partners)])
        if set(agreement.partners.all()) != set(chosen):
            agreement.partners.set(chosen)
    return AGREEMENT_COUNT
