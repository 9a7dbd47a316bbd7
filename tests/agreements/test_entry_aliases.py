"""Aliases added to list entries: the project's native-script names and the
contact point's own, shown as not the publisher's, kept across editions."""

from __future__ import annotations

import pytest

from agreements import named_lists
from agreements.models import EntryAlias, NamedListEntry, PartnerMatch
from tests import factories

HEADER = "name,aliases,country_iso2,parent_organization,notes\n"
EDITION_1 = (HEADER + "Harbin Institute of Technology,HIT,CN,,\n").encode()
EDITION_2 = (
    HEADER
    + "Harbin Institute of Technology,HIT; Hagongda,CN,,\n"
    + "Harbin Engineering University,HEU,CN,,\n"
).encode()


def load(data: bytes, edition: str):
    return named_lists.import_named_list(
        key="test", data=data, title="Test list", edition=edition, licence="CC0"
    )


@pytest.fixture
def hit(db) -> NamedListEntry:
    load(EDITION_1, "2025")
    return NamedListEntry.objects.get(name="Harbin Institute of Technology")


def test_an_import_gives_entries_the_projects_native_script_names(hit):
    aliases = {a.name: a for a in hit.local_aliases.all()}
    assert "哈尔滨工业大学" in aliases
    assert aliases["哈尔滨工业大学"].source == EntryAlias.Source.PROJECT
    assert aliases["哈尔滨工业大学"].language == "zh"
    assert named_lists.apply_project_aliases() == 0  # idempotent
    assert "哈尔滨工业大学" not in hit.aliases  # not the publisher's


def test_a_chinese_name_at_the_point_of_use_finds_the_listed_university(
    hit, client_for, researcher
):
    client = client_for(researcher)
    page = client.get("/partners/check/", {"name": "哈尔滨工业大学", "country": "CN"})
    text = page.content.decode()
    assert "Harbin Institute of Technology" in text
    assert "哈尔滨工业大学" in text
    assert "et navn lagt til av prosjektet, ikke av listens utgiver" in text


def test_a_city_after_a_comma_still_finds_the_entry(hit, client_for, researcher):
    page = client_for(researcher).get(
        "/partners/check/", {"name": "Harbin Institute of Technology, Shenzhen"}
    )
    assert "Harbin Institute of Technology" in page.content.decode()


def test_the_contact_point_adds_an_alias_and_partners_are_screened_with_it(
    hit, client_for, contact_point, django_capture_on_commit_callbacks
):
    partner = factories.PartnerFactory(
        name="Hagongda Shenzhen Campus Office",
        country=factories.CountryFactory(iso2="CN"),
    )
    client = client_for(contact_point)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/named-lists/entries/{hit.pk}/",
            {"name": "Hagongda Shenzhen Campus Office", "note": "Seen on a contract"},
        )
    assert response.status_code == 302
    alias = hit.local_aliases.get(name="Hagongda Shenzhen Campus Office")
    assert (alias.source, alias.added_by) == (EntryAlias.Source.LOCAL, contact_point)
    assert alias.history.get().history_user == contact_point
    match = PartnerMatch.objects.get(partner=partner)
    assert (match.entry, match.score) == (hit, 1.0)
    page = client.get(f"/partners/{partner.pk}/").content.decode()
    assert "Lagt til av en kontaktperson" in page


def test_local_aliases_survive_a_new_edition_of_the_list(hit, contact_point):
    named_lists.add_entry_alias(hit, name="HIT Shenzhen", by=contact_point)
    result = load(EDITION_2, "2026")
    assert result.updated == 1
    hit.refresh_from_db()
    assert hit.aliases == ["HIT", "Hagongda"]
    assert hit.local_aliases.filter(name="HIT Shenzhen").exists()
    best = named_lists.check_name("HIT Shenzhen")[0]
    assert (best.entry, best.match.matched_name) == (hit, "HIT Shenzhen")


@pytest.mark.parametrize(
    ("name", "error"),
    [
        ("", "invalid-feedback"),
        ("12345", "Et alias må ha minst én bokstav."),
        ("HIT", "Oppføringen har allerede dette navnet."),
        ("哈尔滨工业大学", "Oppføringen har allerede dette navnet."),
        ("x" * 501, "500"),
    ],
)
def test_a_bad_alias_is_refused_next_to_the_field(
    hit, client_for, contact_point, name, error
):
    client = client_for(contact_point)
    response = client.post(f"/named-lists/entries/{hit.pk}/", {"name": name})
    assert response.status_code == 200
    assert error in response.content.decode()
    assert not hit.local_aliases.filter(source=EntryAlias.Source.LOCAL).exists()


def test_removing_a_local_alias_keeps_it_in_the_history(hit, client_for, contact_point):
    alias = named_lists.add_entry_alias(hit, name="HIT Weihai", by=contact_point)
    client = client_for(contact_point)
    response = client.post(f"/named-lists/entries/{hit.pk}/aliases/{alias.pk}/remove/")
    assert response.status_code == 302
    assert not hit.local_aliases.filter(name="HIT Weihai").exists()
    removed = EntryAlias.history.filter(name="HIT Weihai", history_type="-").get()
    assert removed.history_user == contact_point
    page = client.get(f"/named-lists/entries/{hit.pk}/").content.decode()
    assert "HIT Weihai" in page
    assert "fjernet" in page


def test_the_projects_aliases_cannot_be_removed_in_the_app(
    hit, client_for, contact_point
):
    project = hit.local_aliases.filter(source=EntryAlias.Source.PROJECT).first()
    response = client_for(contact_point).post(
        f"/named-lists/entries/{hit.pk}/aliases/{project.pk}/remove/"
    )
    assert response.status_code == 404
    assert EntryAlias.objects.filter(pk=project.pk).exists()


def test_the_entry_page_marks_the_projects_names_as_not_the_publishers(
    hit, client_for, contact_point
):
    page = client_for(contact_point).get(f"/named-lists/entries/{hit.pk}/")
    text = page.content.decode()
    assert "哈尔滨工业大学" in text
    assert "Lagt til av prosjektet" in text
    assert "ikke av listens utgiver" in text


def test_a_process_builds_the_matcher_at_start_not_in_the_first_query(hit, monkeypatch):
    named_lists.preload_index()

    def rebuild():
        raise AssertionError("the first query rebuilt the index")

    monkeypatch.setattr(named_lists, "build_index", rebuild)
    assert named_lists.check_name("哈尔滨工业大学")[0].entry == hit
