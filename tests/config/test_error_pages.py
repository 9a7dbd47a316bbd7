"""Error pages in the reader's language."""

from __future__ import annotations

import pytest
from django.template.loader import render_to_string
from django.utils import translation

from tests import factories

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("language", "text"),
    [("nb", "Fant ikke siden"), ("nn", "Fann ikkje sida"), ("en", "Page not found")],
)
def test_a_missing_page_says_so_in_the_readers_language(client, language, text):
    client.force_login(factories.researcher(language=language))
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert text in response.text
    assert f'<html lang="{language}">' in response.text


def test_a_forbidden_page_says_so_in_nynorsk(client):
    client.force_login(factories.researcher(language="nn"))
    response = client.get("/settings/")
    assert response.status_code == 403
    assert "Rolla di gir deg ikkje tilgang til denne sida" in response.text


@pytest.mark.parametrize(
    ("template", "text"), [("500.html", "Noko gjekk gale"), ("400.html", "Ugyldig")]
)
def test_the_bare_error_pages_render_without_a_request(template, text):
    with translation.override("nn"):
        html = render_to_string(template)
    assert text in html
    assert '<html lang="nn">' in html
