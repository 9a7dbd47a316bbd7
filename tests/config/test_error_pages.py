"""403, 404 and 500 pages: styled, in the user's language, with a way forward."""

from __future__ import annotations

import pytest
from django.test import RequestFactory
from django.utils import translation
from django.views.defaults import server_error


def test_a_missing_page_says_so_in_bokmal_with_navigation(client_for, researcher):
    response = client_for(researcher).get("/screenings/999999/")

    assert response.status_code == 404
    page = response.content.decode()
    assert "Vi fant ikke den siden" in page
    assert 'href="/screenings/"' in page  # the main navigation is there
    assert "Gå til startsiden din" in page


def test_a_missing_page_follows_the_users_language(client_for, researcher):
    researcher.language = "en"
    researcher.save()

    response = client_for(researcher).get("/no-such-page/")

    assert response.status_code == 404
    assert "We could not find that page" in response.content.decode()


def test_a_forbidden_page_explains_who_to_ask(client_for, researcher):
    response = client_for(researcher).get("/reviews/")

    assert response.status_code == 403
    page = response.content.decode()
    assert "Du har ikke tilgang til denne siden" in page
    assert "kontaktpunktet" in page


def test_a_server_error_page_renders_without_a_request_context(db):
    request = RequestFactory().get("/")
    with translation.override("nb"):
        response = server_error(request)

    assert response.status_code == 500
    page = response.content.decode()
    assert "Noe gikk galt hos oss" in page
    assert 'href="/"' in page


@pytest.mark.django_db  # the login page reads the institution's language
def test_every_page_offers_a_favicon(client):
    page = client.get("/accounts/login/").content.decode()

    assert 'rel="icon"' in page
    assert client.get("/static/favicon.svg").status_code == 200
