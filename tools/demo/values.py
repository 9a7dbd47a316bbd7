"""Demo assets of the value register for the embedded demo (`seed_demo`)."""

from __future__ import annotations

import datetime

from django.db import transaction
from django.utils import timezone

from agreements.models import Unit
from valueregister.models import Asset

K, S = Asset.Kind, Asset.Sensitivity
# (name, kind, unit short name, sensitivity, months since review, why, access)
ASSETS = [
    (
        "Laboratoriet for kvanteteknologi",
        K.INFRASTRUCTURE,
        "FYS",
        S.VERY_HIGH,
        3,
        "Eneste renrom i landet for kvantesensorer; utstyr og prosesser står på "
        "eksportkontrollistene, og fem års oppbygging ligger i oppskriftene.",
        "Adgangskort for fast ansatte og godkjente gjester; gjester følges av "
        "vert. Prosessdata ligger på eget nett uten ekstern tilgang.",
    ),
    (
        "Katalysatorer for grønt hydrogen",
        K.TECHNOLOGY,
        "KJM",
        S.HIGH,
        14,
        "Patentsøkte katalysatorer med industripartnere; resultatene har stor "
        "kommersiell verdi før publisering.",
        "Prosjektdeltakere etter signert taushetsavtale; labjournal i "
        "institusjonens elektroniske system.",
    ),
    (
        "Helseregisterdata fra HUNT-koblingen",
        K.DATA_SET,
        "HELSAM",
        S.HIGH,
        6,
        "Koblede helse- og registerdata om 120 000 personer; særlige kategorier "
        "etter personvernforordningen.",
        "Bare i TSD, for navngitte prosjektmedlemmer med REK-godkjenning; "
        "eksport av data bare aggregert.",
    ),
    (
        "Maskinlæring for satellittbilder",
        K.RESEARCH_AREA,
        "IFI",
        S.MEDIUM,
        20,
        "Ledende miljø for tolkning av radarbilder; metodene kan brukes til "
        "militær overvåking.",
        "Koden i intern GitLab; modeller deles ikke utenfor prosjektet uten "
        "vurdering fra eksportkontroll.",
    ),
    (
        "Arkiv over orientalske håndskrifter",
        K.DATA_SET,
        "IKOS",
        S.LOW,
        8,
        "Digitaliserte håndskrifter som ikke finnes andre steder.",
        "Åpent for forskere etter søknad; originalene i magasin med logg.",
    ),
]


@transaction.atomic
def seed_assets() -> int:
    """Create or refresh the demo assets; idempotent (found by unit and name)."""
    today = timezone.localdate()
    units = {u.short_name: u for u in Unit.objects.all()}
    count = 0
    for name, kind, unit, sensitivity, months, why, access in ASSETS:
        if unit not in units:
            continue
        Asset.objects.update_or_create(
            unit=units[unit],
            name=name,
            defaults={
                "kind": kind,
                "sensitivity": sensitivity,
                "why_valuable": why,
                "access": access,
                "last_reviewed": today - datetime.timedelta(days=30 * months),
            },
        )
        count += 1
    return count
