"""Bokmål, nynorsk and English: the switch, the user's choice and the
institution's main language."""

from __future__ import annotations

import pytest

from agreements.models import InstitutionSettings
from tests import factories

pytestmark = pytest.mark.django_db


def test_the_switch_offers_the_two_other_languages_in_their_own_names(client):
    client.force_login(factories.researcher(language="nb"))
    page = client.get("/").text
    assert 'value="nn"' in page
    assert "Norsk nynorsk" in page
    assert 'value="en"' in page
    assert 'value="nb"' not in page


def test_choosing_nynorsk_is_kept_on_the_account(client):
    user = factories.researcher(language="nb")
    client.force_login(user)
    response = client.post("/i18n/setlang/", {"language": "nn", "next": "/"})
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.language == "nn"
    client.cookies.clear()
    client.force_login(user)
    assert '<html lang="nn">' in client.get("/").text


def test_the_login_page_follows_the_institutions_main_language(client):
    assert '<html lang="nb">' in client.get("/accounts/login/").text
    InstitutionSettings(default_language="nn").save()
    assert '<html lang="nn">' in client.get("/accounts/login/").text


def test_a_new_account_starts_in_the_institutions_main_language():
    assert factories.researcher().language == "nb"
    InstitutionSettings(default_language="nn").save()
    assert factories.researcher().language == "nn"


def test_the_contact_point_sets_the_main_language_in_the_app(client):
    client.force_login(factories.contact_point())
    page = client.get("/settings/")
    assert page.status_code == 200
    response = client.post("/settings/", {"default_language": "nn"})
    assert response.status_code == 302
    assert InstitutionSettings.current().default_language == "nn"
    assert InstitutionSettings.objects.count() == 1


def test_a_language_the_institution_cannot_have_as_main_is_refused(client):
    client.force_login(factories.contact_point())
    response = client.post("/settings/", {"default_language": "en"})
    assert response.status_code == 200
    assert "is-invalid" in response.text
    assert InstitutionSettings.current().default_language == "nb"


def test_only_the_contact_point_changes_the_settings(client):
    client.force_login(factories.researcher())
    assert client.post("/settings/", {"default_language": "nn"}).status_code == 403
    assert InstitutionSettings.current().default_language == "nb"
