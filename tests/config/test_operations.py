"""Operations probes of issue 21: the lockout behind the TLS proxy, a throttled
password reset, the Permissions-Policy header, CSV cells after a separator."""

from __future__ import annotations

import csv
import io

import pytest
from django.core import mail
from django.core.cache import cache
from django.test import Client, RequestFactory

from agreements import spreadsheet
from config.client_address import client_address
from tests import factories

pytestmark = pytest.mark.django_db
PASSWORD = "correct horse battery staple"
PROXY = "10.0.0.2"  # the TLS proxy: every request reaches the app from it


@pytest.fixture
def behind_the_proxy(settings):
    settings.TRUSTED_PROXY_COUNT = 1


@pytest.fixture
def cache_on(settings):
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    }
    cache.clear()


def _from(address: str) -> Client:
    return Client(REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=address)


def test_a_guesser_behind_the_proxy_locks_out_only_their_own_address(
    behind_the_proxy, settings
):
    user = factories.researcher()
    guesser = _from("203.0.113.9")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        guesser.post("/accounts/login/", {"username": user.username, "password": "x"})
    refused = guesser.post(
        "/accounts/login/", {"username": user.username, "password": PASSWORD}
    )
    assert refused.status_code == 429
    # The real user, through the same proxy from their own address, gets in.
    owner = _from("198.51.100.7")
    response = owner.post(
        "/accounts/login/", {"username": user.username, "password": PASSWORD}
    )
    assert response.status_code == 302
    assert owner.get("/").status_code == 200


@pytest.mark.parametrize(
    ("count", "forwarded", "expected"),
    [
        (0, "203.0.113.9", PROXY),  # no proxy trusted: the header is the client's
        (1, "203.0.113.9", "203.0.113.9"),
        (1, "1.2.3.4, 203.0.113.9", "203.0.113.9"),  # a forged first entry
        (2, "1.2.3.4, 203.0.113.9, 10.0.0.1", "203.0.113.9"),
        (2, "203.0.113.9", PROXY),  # fewer entries than proxies: untrusted
        (1, "not-an-address", PROXY),
        (1, "2001:db8::1", "2001:db8::1"),
    ],
)
def test_the_client_address_is_taken_from_the_trusted_end_of_the_header(
    settings, count, forwarded, expected
):
    settings.TRUSTED_PROXY_COUNT = count
    request = RequestFactory().get(
        "/", REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=forwarded
    )
    assert client_address(request) == expected


def test_password_reset_is_throttled_per_email_address(cache_on, client):
    user = factories.researcher(email="frida@example.no")
    answers = [
        client.post("/accounts/password_reset/", {"email": user.email}).status_code
        for _ in range(5)
    ]
    assert answers == [302, 302, 302, 429, 429]
    assert len(mail.outbox) == 3
    page = client.post("/accounts/password_reset/", {"email": user.email})
    assert "Try again in an hour" in page.text or "Prøv igjen om en time" in page.text


def test_password_reset_is_throttled_per_client_address(cache_on, behind_the_proxy):
    scripted = _from("203.0.113.9")
    answers = [
        scripted.post(
            "/accounts/password_reset/", {"email": f"x{n}@example.no"}
        ).status_code
        for n in range(12)
    ]
    assert answers == [302] * 10 + [429] * 2
    # Someone else behind the same proxy is not refused.
    other = _from("198.51.100.7").post(
        "/accounts/password_reset/", {"email": "y@example.no"}
    )
    assert other.status_code == 302


@pytest.mark.parametrize("path", ["/accounts/login/", "/healthz"])
def test_every_answer_has_a_permissions_policy(client, path):
    policy = client.get(path)["Permissions-Policy"]
    assert "camera=()" in policy
    assert "geolocation=()" in policy
    assert "microphone=()" in policy


@pytest.mark.parametrize(
    "title",
    ["Budget;=1+1", "Budget,=1+1", "Budget; =HYPERLINK(1)", "Notes\n@SUM(A1)", "a\t-1"],
)
def test_a_csv_cell_never_starts_a_formula_after_a_separator(
    client_for, contact_point, title
):
    factories.AgreementFactory(title="Other", notes=title)
    text = client_for(contact_point).get("/agreements/export.csv").content.decode()
    cells = [c for row in csv.reader(io.StringIO(text.lstrip("\ufeff"))) for c in row]
    for separator in ",;\t\n\r":
        for cell in cells:
            for part in cell.split(separator)[1:]:
                assert not part.lstrip(" ").startswith(("=", "+", "-", "@")), cell
    # The import reads the text back as it was written.
    assert spreadsheet.restore(spreadsheet.neutralise_csv(title)) == title
