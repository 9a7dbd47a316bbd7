"""Confirming an import is safe to send twice, or three times at once.

Probe from issue #21: a double-click on "Import all rows" sent three POSTs at
once and a 20-row file became 60 agreements and 53 partners.
"""

from __future__ import annotations

import csv
import io
import threading

import pytest
from django.contrib.messages import get_messages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client

from agreements.models import Agreement, ImportPreview, Partner
from tests import factories as f
from tests.services import need_postgres

ROWS = 20
DONE = f"Importert: {ROWS} nye og 0 oppdaterte avtaler."


@pytest.fixture(autouse=True)
def _private_media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def register() -> bytes:
    """Twenty agreements, each with a partner the register does not know yet."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["Title", "Partners", "Countries", "Start date"])
    for n in range(ROWS):
        writer.writerow([f"Avtale {n}", f"Universitet {n}", "SE", "2025-01-01"])
    return out.getvalue().encode()


def preview(client: Client) -> str:
    """Upload the register; the token of its preview, as the confirm form holds it."""
    f.CountryFactory(iso2="SE", iso3="SWE", name_nb="Sverige", name_en="Sweden")
    response = client.post(
        "/agreements/import/",
        {"file": SimpleUploadedFile("register.csv", register())},
    )
    assert response.context["bad_rows"] == []
    token = response.context["token"]
    assert f'name="token" value="{token}"' in response.text
    return token


def messages_of(response) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]


@pytest.mark.services
def test_three_confirms_at_once_import_the_file_once(transactional_db):
    need_postgres()
    client = Client()
    client.force_login(f.contact_point())
    token = preview(client)
    start = threading.Barrier(3)
    responses = []

    def double_click() -> None:
        same_browser = Client()
        same_browser.cookies = client.cookies  # one session, as in the browser
        try:
            start.wait(timeout=10)
            responses.append(
                same_browser.post("/agreements/import/confirm/", {"token": token})
            )
        finally:
            connection.close()  # this thread's own connection

    threads = [threading.Thread(target=double_click) for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    assert [r.status_code for r in responses] == [302, 302, 302]
    assert {r["Location"] for r in responses} == {"/agreements/"}
    assert Agreement.objects.count() == ROWS
    assert Partner.objects.count() == ROWS
    assert [messages_of(r) for r in responses] == [[DONE]] * 3


def test_a_resent_confirm_imports_nothing_and_reports_the_first_result(
    client_for, contact_point
):
    client = client_for(contact_point)
    token = preview(client)
    url = "/agreements/import/confirm/"
    first = client.post(url, {"token": token}, follow=True)
    again = client.post(url, {"token": token}, follow=True)
    for page in (first, again):
        assert page.redirect_chain == [("/agreements/", 302)]
        assert [str(m) for m in page.context["messages"]] == [DONE]
    assert Agreement.objects.count() == ROWS
    assert Partner.objects.count() == ROWS
    assert ImportPreview.objects.get().is_confirmed


def test_someone_elses_preview_cannot_be_confirmed(client_for, contact_point, db):
    token = preview(client_for(f.contact_point()))
    response = client_for(contact_point).post(
        "/agreements/import/confirm/", {"token": token}
    )
    assert response["Location"] == "/agreements/import/"
    assert not Agreement.objects.exists()


def test_a_new_upload_replaces_the_unconfirmed_preview(client_for, contact_point):
    client = client_for(contact_point)
    old = preview(client)
    client.post(
        "/agreements/import/",
        {"file": SimpleUploadedFile("register.csv", register())},
    )
    assert not ImportPreview.objects.filter(token=old).exists()
    assert ImportPreview.objects.count() == 1
    response = client.post("/agreements/import/confirm/", {"token": old})
    assert response["Location"] == "/agreements/import/"
    assert not Agreement.objects.exists()
