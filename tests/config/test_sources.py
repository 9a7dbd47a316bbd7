"""The data sources page and fixtures/SOURCES.md cover every reference file."""

from __future__ import annotations

from pathlib import Path

import pytest

from config.datasets import DATASETS

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"
FILES = sorted(p.name for p in FIXTURES.glob("*.csv"))

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("name", FILES)
def test_every_fixture_file_is_documented_with_source_and_licence(name):
    sources = (FIXTURES / "SOURCES.md").read_text(encoding="utf-8")
    row = next((line for line in sources.splitlines() if f"| `{name}` |" in line), "")
    assert row, f"{name} has no row in fixtures/SOURCES.md"
    assert row.count("|") >= 6  # source, edition, collected, licence all filled
    assert name in {d["file"] for d in DATASETS}, f"{name} is not on /sources/"


def test_sources_page_lists_every_data_set_in_both_languages(client):
    response = client.get("/sources/")
    assert response.status_code == 200
    for dataset in DATASETS:
        assert dataset["file"] in response.text
        assert dataset["url"] in response.text
    assert "Datakilder og lisenser" in response.text
    assert "CC BY-SA 4.0" in response.text
    assert "Utgiver" in response.text
    client.post("/i18n/setlang/", {"language": "en", "next": "/sources/"})
    english = client.get("/sources/").text
    assert "Data sources and licences" in english
    assert "Publisher" in english
    assert "0.6 and above high" in english
