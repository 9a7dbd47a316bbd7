"""Importing editions of named lists, re-screening partners, adjudication memory."""

from __future__ import annotations

import json

import pytest
from django.core.management import CommandError, call_command

from agreements import named_lists
from agreements.models import NamedList, NamedListEntry, Partner, PartnerMatch
from tests import factories

HEADER = "name,aliases,country_iso2,parent_organization,notes\n"
EDITION_1 = (
    HEADER
    + "Harbin Institute of Technology,HIT,CN,,\n"
    + "Beihang University,Beijing University of Aeronautics and Astronautics,CN,,\n"
    + "Moscow Aviation Institute,,RU,,\n"
).encode()
EDITION_2 = (
    HEADER
    + "Harbin Institute of Technology,HIT; Hagongda,CN,,\n"
    + "Beihang University,Beijing University of Aeronautics and Astronautics,CN,,\n"
    + "Harbin Engineering University,HEU,CN,,\n"
).encode()


def load(data: bytes, edition: str):
    return named_lists.import_named_list(
        key="test", data=data, title="Test list", edition=edition, licence="CC0"
    )


@pytest.fixture
def hit(db):
    return factories.PartnerFactory(
        name="Harbin Inst. of Technology", country=factories.CountryFactory(iso2="CN")
    )


def test_importing_the_same_edition_twice_changes_nothing(db):
    first = load(EDITION_1, "2025")
    second = load(EDITION_1, "2025")
    assert (first.added, second.added, second.unchanged) == (3, 0, 3)
    assert NamedListEntry.objects.count() == 3


def test_a_new_edition_keeps_dropped_entries_as_historical(db):
    load(EDITION_1, "2025")
    result = load(EDITION_2, "2026")
    assert (result.added, result.updated, result.retired) == (1, 1, 1)
    dropped = NamedListEntry.objects.get(name="Moscow Aviation Institute")
    assert not dropped.active
    assert dropped.last_seen == "2025"
    assert NamedList.objects.get(key="test").edition == "2026"
    assert (
        NamedListEntry.objects.get(name__startswith="Harbin Eng").first_seen == "2026"
    )


def test_an_import_screens_every_partner(hit):
    load(EDITION_1, "2025")
    match = PartnerMatch.objects.get(partner=hit)
    assert match.entry.name == "Harbin Institute of Technology"
    assert match.score >= 0.70
    hit.refresh_from_db()
    assert hit.named_list_status == "candidate"


def test_renaming_a_partner_screens_it_again(hit, contact_point):
    from agreements import services

    load(EDITION_1, "2025")
    hit.name = "Beihang University"
    services.save_partner(hit, aliases=[], by=contact_point)
    names = set(PartnerMatch.objects.values_list("entry__name", flat=True))
    assert names == {"Beihang University"}


def test_a_dismissal_is_remembered_until_the_entry_changes(hit, contact_point):
    load(EDITION_1, "2025")
    match = PartnerMatch.objects.get(partner=hit)
    named_lists.decide_match(
        match, status="dismissed", reason="Another campus", by=contact_point
    )
    load(EDITION_1, "2025")
    named_lists.rescreen_partners()
    match.refresh_from_db()
    hit.refresh_from_db()
    assert (match.status, hit.named_list_status) == ("dismissed", "")
    load(EDITION_2, "2026")  # the entry gains an alias: the dismissal lapses
    match.refresh_from_db()
    hit.refresh_from_db()
    assert (match.status, hit.named_list_status) == ("candidate", "candidate")
    assert match.reason == "Another campus"


def test_a_confirmed_match_becomes_a_partner_fact(hit, contact_point):
    load(EDITION_1, "2025")
    match = PartnerMatch.objects.get(partner=hit)
    named_lists.decide_match(
        match, status="confirmed", reason="Same address", by=contact_point
    )
    hit.refresh_from_db()
    facts = Partner.objects.get(pk=hit.pk).facts()
    assert hit.named_list_status == "confirmed"
    assert [(f.flag, f.value, f.source, f.edition, f.detail) for f in facts.flags] == [
        (
            "named_list",
            "confirmed",
            "Test list",
            "2025",
            "Harbin Institute of Technology",
        )
    ]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"organisation,land\nHIT,CN\n", "lacks the column"),
        ("name,country_iso2\nHarbin,CN\n".encode("utf-16"), "not UTF-8"),
        ("name,country_iso2\nSøndre,NO\n".encode("latin-1"), "not UTF-8"),
        (b"name,country_iso2\n", "no rows"),
        (b"name,country_iso2\nHarbin,China\n", "two-letter"),
    ],
)
def test_a_bad_file_is_refused_and_changes_nothing(db, tmp_path, data, message):
    load(EDITION_1, "2025")
    path = tmp_path / "list.csv"
    path.write_bytes(data)
    with pytest.raises(CommandError, match=message):
        call_command("import_named_list", str(path), "--list", "test")
    assert NamedListEntry.objects.filter(active=True).count() == 3
    assert NamedList.objects.get(key="test").edition == "2025"


def test_sync_named_lists_seeds_the_three_lists_with_licences(db):
    call_command("sync_named_lists", stdout=open("/dev/null", "w"))  # noqa: SIM115
    lists = {nl.key: nl for nl in NamedList.objects.all()}
    assert set(lists) == {"ca_nro", "us_1286", "us_1260h"}
    assert lists["us_1286"].licence == "CC BY-NC 4.0"
    assert "Crown copyright" in lists["ca_nro"].licence
    assert lists["us_1260h"].edition == "2026-06-08"
    assert NamedListEntry.objects.count() == 126 + 156 + 188


def test_screen_partner_prints_json_best_first(db, capsys):
    load(EDITION_1, "2025")
    call_command("screen_partner", "HIT", "--json")
    rows = json.loads(capsys.readouterr().out)
    assert rows[0] == {
        "name": "Harbin Institute of Technology",
        "matched_name": "HIT",
        "list": "test",
        "score": 0.9,
        "country": "CN",
    }
    call_command("screen_partner", "University of Bergen", "--country", "NO", "--json")
    assert json.loads(capsys.readouterr().out) == []


@pytest.mark.parametrize("name", ["", "x" * 10_000])
def test_screen_partner_refuses_an_empty_or_huge_name(db, name):
    with pytest.raises(CommandError, match="name"):
        call_command("screen_partner", name)
