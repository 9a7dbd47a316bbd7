"""Country reference data from fixtures/ into the database (see fixtures/SOURCES.md).

Readers turn each fixture file into indicator records (plain dicts); the upsert
writes them in bulk, keyed on (country, kind, reference), so loading twice
changes nothing. An administrator's work survives a reload: a record someone
imported or entered is never overwritten from fixtures, and a "to be verified"
mark an administrator cleared stays cleared until the source data changes.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from datetime import date
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_noop

from config import fragments
from countries.models import Country, Indicator

FIXTURES = Path(settings.BASE_DIR) / "fixtures"
KIND = Indicator.Kind
FIELDS = (
    "value",
    "numeric_value",
    "year",
    "edition",
    "checked_on",
    "detail",
    "source",
    "source_url",
    "licence",
    "to_be_verified",
    "verification_note",
)
DATA_FIELDS = FIELDS[:-2]  # without the verification mark and note
VDEM_URL = "https://www.v-dem.net/data/the-v-dem-dataset/"
VDEM_SOURCE = "V-Dem Academic Freedom Index (v2xca_academ)"
NO_SOURCE = "Norwegian sanctions regulations (regjeringen.no overview, Lovdata)"
EU_SOURCE = "EU restrictive measures (OpenSanctions programme metadata)"
GDPR_SOURCE = "European Commission adequacy decisions"
GDPR_NOTE = (
    "Compiled from the list of decisions without opening the Commission's page. "
    "Check the decision and its scope on the page linked as the source."
)
OPENSANCTIONS_CHECKED = date(2026, 8, 14)  # the programme metadata snapshot
REGIMES = {
    "0": "closed autocracy",
    "1": "electoral autocracy",
    "2": "electoral democracy",
    "3": "liberal democracy",
}


def read_csv(name: str) -> list[dict[str, str]]:
    with open(FIXTURES / name, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def country_rows() -> list[Country]:
    nynorsk = {row["alpha2"]: row["name_nn"] for row in read_csv("countries_nn.csv")}
    rows = []
    for row in read_csv("countries.csv"):
        name_nb = row["name_nb_cldr"] or row["name_en_cldr"]
        rows.append(
            Country(
                iso2=row["alpha2"],
                iso3=row["alpha3"],
                name_nb=name_nb,
                name_nn=nynorsk.get(row["alpha2"], name_nb),  # most are the same
                name_en=row["name_en_cldr"] or row["name_en_iso"],
            )
        )
    return rows


def vdem_records() -> list[dict[str, object]]:
    records = []
    for row in read_csv("vdem_academic_freedom_2023.csv"):
        if not row["iso2"] or not row["v2xca_academ"]:
            continue  # Somaliland and Zanzibar have no ISO code
        regime = REGIMES.get(row["v2x_regime"], row["v2x_regime"])
        records.append(
            {
                "country_id": row["iso2"],
                "kind": KIND.ACADEMIC_FREEDOM,
                "reference": row["vdem_country_text_id"],
                "value": row["v2xca_academ"],
                "numeric_value": float(row["v2xca_academ"]),
                "year": int(row["year"]),
                "edition": f"V-Dem {row['vdem_version']}",
                "detail": (
                    f"{row['vdem_country_name']}: Liberal Democracy Index "
                    f"{row['v2x_libdem']}; Regimes of the World: {regime}"
                ),
                "source": VDEM_SOURCE,
                "source_url": VDEM_URL,
                "licence": row["licence"] or "CC BY-SA 4.0",
            }
        )
    return records


def norwegian_sanctions_records() -> list[dict[str, object]]:
    records = []
    for row in read_csv("no_sanctions_regimes.csv"):
        if not row["target_iso2"]:
            continue  # thematic regimes (terrorism, ...) target no country
        title = row["regulation_title_nb"] or row["regulation_title_en"]
        listed = row["listed_in"].split(" ; ")[0]
        records.append(
            {
                "country_id": row["target_iso2"],
                "kind": KIND.SANCTIONS_NO,
                "reference": row["lovdata_id"] or f"NO {row['regime']}",
                "value": title or row["regime"],
                "edition": row["regulation_ref_as_printed"],
                "detail": (
                    gettext_noop("Arms embargo")
                    if row["arms_embargo_per_regjeringen"] == "yes"
                    else ""
                ),
                "source": NO_SOURCE,
                "source_url": row["lovdata_url"] or listed,
                "licence": "Public legal information (åndsverkloven § 14)",
                "to_be_verified": True,
                "verification_note": row["note"][:300],
            }
        )
    return records


def eu_sanctions_records() -> list[dict[str, object]]:
    records = []
    for row in read_csv("eu_sanctions_regimes.csv"):
        for iso2 in filter(None, row["target_iso2"].split(";")):
            records.append(
                {
                    "country_id": iso2.strip(),
                    "kind": KIND.SANCTIONS_EU,
                    "reference": row["program_key"],
                    "value": row["title"][:300],
                    "edition": "OpenSanctions",
                    "checked_on": OPENSANCTIONS_CHECKED,
                    "detail": row["measures"],
                    "source": EU_SOURCE,
                    "source_url": row["sanctions_map_url"],
                    "licence": "MIT (OpenSanctions)",
                }
            )
    return records


def gdpr_records() -> list[dict[str, object]]:
    rows = read_csv("gdpr_adequacy.csv")
    return [*_gdpr_status_records(rows), *_gdpr_scope_records(rows)]


def _gdpr_scope_records(rows: list[dict[str, str]]) -> list[dict[str, object]]:
    """The scope of each adequacy decision (full, or the organisations it covers)."""
    return [
        {
            "country_id": row["iso2"],
            "kind": KIND.GDPR_SCOPE,
            "reference": "",
            "value": row["scope"],
            "checked_on": date.fromisoformat(row["date_checked"]),
            "detail": row["note"],
            "source": GDPR_SOURCE,
            "edition": row["decision"][:100],
            "source_url": row["source_url"],
            "licence": "EU legal information (Decision 2011/833/EU)",
            "to_be_verified": True,
            "verification_note": GDPR_NOTE,
        }
        for row in rows
        if row["status"] == "adequate" and row["scope"]
    ]


def country_fact_records() -> list[dict[str, object]]:
    """Threat-assessment naming, policy instructions, travel advice and state
    data-access laws from fixtures/country_facts.csv: each with its source,
    the edition it was checked against and whether it is still to be verified."""
    return [
        {
            "country_id": row["iso2"],
            "kind": row["kind"],
            "reference": "",
            "value": row["value"],
            "edition": row["edition"][:100],
            "checked_on": (
                date.fromisoformat(row["checked_on"]) if row["checked_on"] else None
            ),
            "detail": row["detail"],
            "source": row["source"][:300],
            "source_url": row["source_url"],
            "licence": "",
            "to_be_verified": row["to_be_verified"] == "yes",
            "verification_note": row["note"][:300],
        }
        for row in read_csv("country_facts.csv")
    ]


def _gdpr_status_records(rows: list[dict[str, str]]) -> list[dict[str, object]]:
    return [
        {
            "country_id": row["iso2"],
            "kind": KIND.GDPR,
            "reference": "",
            "value": row["status"],
            "checked_on": date.fromisoformat(row["date_checked"]),
            "detail": " ".join(p for p in (row["decision"], row["note"]) if p),
            "source": GDPR_SOURCE,
            "source_url": row["source_url"],
            "licence": "EU legal information (Decision 2011/833/EU)",
            # the decisions (and their scopes) were not checked on the page itself
            "to_be_verified": row["status"] == "adequate",
            "verification_note": GDPR_NOTE if row["status"] == "adequate" else "",
        }
        for row in rows
    ]


def reference_records() -> list[dict[str, object]]:
    return [
        *vdem_records(),
        *norwegian_sanctions_records(),
        *eu_sanctions_records(),
        *gdpr_records(),
        *country_fact_records(),
    ]


FIXTURE_KINDS = (
    KIND.ACADEMIC_FREEDOM,
    KIND.SANCTIONS_NO,
    KIND.SANCTIONS_EU,
    KIND.GDPR,
    KIND.GDPR_SCOPE,
    KIND.THREAT,
    KIND.POLICY,
    KIND.TRAVEL,
    KIND.DATA_ACCESS,
)


@transaction.atomic
def upsert_countries(countries: list[Country]) -> int:
    Country.objects.bulk_create(
        countries,
        update_conflicts=True,
        unique_fields=["iso2"],
        update_fields=["iso3", "name_nb", "name_nn", "name_en"],
    )
    fragments.changed()  # bulk_create sends no signal
    return len(countries)


@transaction.atomic
def upsert_indicators(
    records: Iterable[dict[str, object]],
    *,
    origin: str,
    replace_kinds: Iterable[str] = (),
) -> dict[str, int]:
    """Create or update indicator records in bulk; returns counts per action.

    `replace_kinds` (fixtures only): records of those kinds that came from
    fixtures and are no longer in `records` are deleted.
    """
    records = list(records)
    kinds = {r["kind"] for r in records} | set(replace_kinds)
    existing = {
        (i.country_id, i.kind, i.reference): i
        for i in Indicator.objects.filter(kind__in=kinds)
    }
    now = timezone.now()
    create, update, seen = [], [], set()
    for record in records:
        key = (record["country_id"], record["kind"], record.get("reference", ""))
        seen.add(key)
        values = {name: record.get(name, _default(name)) for name in FIELDS}
        current = existing.get(key)
        if current is None:
            create.append(
                Indicator(
                    country_id=key[0],
                    kind=key[1],
                    reference=key[2],
                    origin=origin,
                    loaded_at=now,
                    **values,
                )
            )
            continue
        if origin == Indicator.Origin.FIXTURE and current.origin != origin:
            continue  # an administrator's newer data wins over the seed
        # A reload from fixtures keeps an administrator's verification unless
        # the data itself changed; an import sets everything it names.
        compared = FIELDS if origin != Indicator.Origin.FIXTURE else DATA_FIELDS
        changed = any(getattr(current, name) != values[name] for name in compared)
        if changed or current.origin != origin:
            for name, value in values.items():
                setattr(current, name, value)
            current.origin, current.loaded_at = origin, now
            update.append(current)
    stale = [
        i.pk
        for key, i in existing.items()
        if i.kind in set(replace_kinds)
        and i.origin == Indicator.Origin.FIXTURE
        and key not in seen
    ]
    Indicator.objects.bulk_create(create, batch_size=500)
    Indicator.objects.bulk_update(
        update, [*FIELDS, "origin", "loaded_at"], batch_size=500
    )
    Indicator.objects.filter(pk__in=stale).delete()
    fragments.changed()  # bulk_create and bulk_update send no signal
    return {"created": len(create), "updated": len(update), "deleted": len(stale)}


def _default(name: str) -> object:
    if name in ("numeric_value", "year", "checked_on"):
        return None
    if name == "to_be_verified":
        return False
    return ""
