from __future__ import annotations

import pytest

from tests import factories

pytestmark = pytest.mark.django_db
PASSWORD = "correct horse battery staple"


def test_login_page_is_in_norwegian_by_default(client):
    response = client.get("/accounts/login/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert response.status_code == 200
    assert '<html lang="nb">' in response.text
    assert "Logg inn" in response.text


def test_login_and_logout(client):
    user = factories.researcher()
    response = client.post(
        "/accounts/login/", {"username": user.username, "password": PASSWORD}
    )
    assert response.status_code == 302
    assert response.url == "/"
    assert client.get("/").status_code == 200
    response = client.post("/accounts/logout/")
    assert response.status_code == 302
    assert client.get("/").status_code == 302


def test_wrong_password_shows_an_error_next_to_the_form(client):
    user = factories.researcher()
    response = client.post(
        "/accounts/login/", {"username": user.username, "password": "nope"}
    )
    assert response.status_code == 200
    assert "alert-danger" in response.text


def test_login_is_throttled_after_repeated_failures(client, settings):
    user = factories.researcher()
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(
            "/accounts/login/", {"username": user.username, "password": "wrong"}
        )
    response = client.post(
        "/accounts/login/", {"username": user.username, "password": PASSWORD}
    )
    assert response.status_code == 429
    assert "For mange mislykkede" in response.text
    assert client.get("/").status_code == 302  # still not logged in


def test_home_requires_login(client):
    response = client.get("/")
    assert response.status_code == 302
    assert response.url.startswith("/accounts/login/")


def test_language_switch_changes_the_page_and_is_remembered(client):
    user = factories.researcher()
    client.force_login(user)
    assert "Mine vurderinger" in client.get("/").text
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    assert response.status_code == 302
    assert "My screenings" in client.get("/").text
    user.refresh_from_db()
    assert user.language == "en"
    client.cookies.clear()
    client.force_login(user)
    assert "My screenings" in client.get("/").text


def test_an_overlong_username_is_a_form_error_not_a_500(client):
    response = client.post(
        "/accounts/login/", {"username": "u" * 300, "password": "nope"}
    )
    assert response.status_code == 200
    assert response.context["form"].errors["username"]
    assert "alert-danger" in response.text or "is-invalid" in response.text
