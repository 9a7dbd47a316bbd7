"""The coverage map at /guidelines/: the guidelines' advice in their order,
with what the app offers and links that resolve (issue 22)."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest
from django.urls import reverse

from guidelines import coverage
from tests import factories as f

LEADERSHIP_ORDER = [
    "Foreta en systematisk verdivurdering",
    "Differensier tilgang til verdifull informasjon og infrastruktur",
    "bakgrunnssjekk",
    "oversikt over internasjonale avtaler",
    "eksportkontrollregelverket",
    "Bygg kompetanse og bevissthet",
    "Opprett kontaktpunkt",
    "Etabler egne møteplasser for erfaringsdeling",
]
# The institution apps built beside the map: each offer links its page.
PARALLEL = {"valueregister:list", "incidents:create", "competence:course_list"}


def test_the_yaml_has_eight_pieces_for_leadership_and_five_for_communities():
    cmap = coverage.load()
    leadership, academic = cmap.groups
    assert [a.source.key for a in leadership.advice] == ["kd_2024"] * 8
    assert [a.source.date for a in leadership.advice] == ["18.07.2024"] * 8
    assert len(academic.advice) == 5
    for key in ("kd_2024", "hkdir_leadership", "hkdir_academic"):
        assert (
            next(s for s in cmap.sources if s.key == key).title
            == "Retningslinjer for ansvarlig internasjonalt kunnskapssamarbeid"
        )
    assert cmap.url_names() >= PARALLEL


@pytest.mark.django_db
def test_the_page_lists_the_advice_in_the_guidelines_order(client_for):
    html = client_for(f.researcher()).get("/guidelines/").content.decode()
    positions = [html.index(words) for words in LEADERSHIP_ORDER]
    assert positions == sorted(positions)
    assert html.index("Råd til ledelse og administrasjon") < positions[0]
    assert positions[-1] < html.index("Råd til fagmiljøene")
    assert "18.07.2024" in html
    assert "Kunnskapsdepartementet" in html


@pytest.mark.django_db
def test_every_link_on_the_page_resolves_to_a_page_that_opens(client_for):
    contact = f.contact_point()
    client = client_for(contact)
    html = client.get("/guidelines/").content.decode()
    main = html[html.index('<main id="main"') : html.index("</main>")]
    internal = set(re.findall(r'href="(/[^"]*)"', main))
    assert {"/cases/", "/agreements/", "/countries/", "/screenings/"} <= internal
    for path in internal:
        assert client.get(path).status_code == 200, path


@pytest.mark.django_db
def test_every_offer_of_the_institution_apps_links_its_page(client_for):
    """A wrong URL name in the YAML fails here instead of losing its link."""
    html = client_for(f.leader()).get("/guidelines/").content.decode()
    for name in PARALLEL:
        assert f'href="{reverse(name)}"' in html
    names = [
        o.url_name
        for g in coverage.load().groups
        for a in g.advice
        for o in a.offers
        if o.url_name
    ]
    assert [n for n in names if not reverse(n)] == []


@pytest.mark.django_db
def test_english_shows_the_translation_beside_the_norwegian_words(client_for):
    client = client_for(f.researcher(language="en"))
    html = client.get("/guidelines/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "«Establish dedicated forums for sharing experience»" in html
    assert "«Etabler egne møteplasser for erfaringsdeling»" in html
    assert "Advice to academic communities" in html


@pytest.mark.django_db
def test_nynorsk_uses_the_nynorsk_offer_texts(client_for):
    client = client_for(f.researcher(language="nn"))
    html = client.get("/guidelines/").content.decode()
    assert "Råd til leiing og administrasjon" in html
    assert "Sakssamlinga" in html


@pytest.mark.parametrize(
    ("broken", "message"),
    [
        ("        verbatim: true\n", "missing keys"),
        ("offers:\n", "unknown keys"),
        ("source: kd_2024", "unknown source"),
    ],
)
def test_the_loader_is_strict(broken, message):
    text = coverage.DEFINITION.read_text(encoding="utf-8")
    if broken == "        verbatim: true\n":
        text = text.replace(broken, "", 1)
    elif broken == "offers:\n":
        text = text.replace(broken, "offer:\n", 1)
    else:
        text = text.replace(broken, "source: nowhere", 1)
    with pytest.raises(coverage.CoverageError, match=message):
        coverage.load_from_text(text)


def test_the_loader_needs_all_three_languages():
    text = coverage.DEFINITION.read_text(encoding="utf-8")
    text = text.replace('      nn: "Råd til leiing og administrasjon"\n', "", 1)
    with pytest.raises(coverage.CoverageError, match="nb, nn, en"):
        coverage.load_from_text(text)


def test_coverage_loader_stays_free_of_django():
    tree = ast.parse(Path(coverage.__file__).read_text())
    imported = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            imported.add(node.module or "")
        elif isinstance(node, ast.Import):
            imported.update(a.name for a in node.names)
    assert not any(name.split(".")[0] == "django" for name in imported)


@pytest.mark.parametrize("app", ["caselibrary", "guidelines"])
def test_no_other_app_imports_the_top_layer(app):
    root = Path(__file__).resolve().parents[2]
    for folder in ("agreements", "countries", "screening"):
        for path in (root / folder).rglob("*.py"):
            source = path.read_text(encoding="utf-8")
            assert f"from {app}" not in source, path
            assert f"import {app}" not in source, path
