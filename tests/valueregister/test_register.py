"""The register's pages and services: keep an asset, review it, be reminded."""

from __future__ import annotations

import pytest
from django.core import mail

from tests import factories as f
from tests.valueregister.support import AssetFactory, months_ago
from valueregister import services, tasks
from valueregister.models import Asset

pytestmark = pytest.mark.django_db

VALID = {
    "kind": "data_set",
    "name": "  Linked   health registry data ",
    "why_valuable": "Special categories about 120 000 people.",
    "sensitivity": "high",
    "access": "Named project members, in TSD only.",
    "last_reviewed": "2026-01-15",
}


def test_a_leader_registers_an_asset_and_it_keeps_history(client_for, leader):
    unit = f.UnitFactory(name="Institute of Health")
    response = client_for(leader).post(
        "/register/values/new/", {**VALID, "unit": unit.pk}
    )
    asset = Asset.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/register/values/{asset.pk}/"
    assert asset.name == "Linked health registry data"
    assert asset.unit == unit
    client_for(leader).post(
        f"/register/values/{asset.pk}/edit/",
        {**VALID, "unit": unit.pk, "sensitivity": "very_high"},
    )
    assert [h.sensitivity for h in asset.history.order_by("history_date")] == [
        "high",
        "very_high",
    ]
    page = client_for(leader).get(f"/register/values/{asset.pk}/").content.decode()
    assert "Endret" in page  # the history names the change


def test_bad_input_is_an_error_next_to_the_field(client_for, contact_point):
    response = client_for(contact_point).post(
        "/register/values/new/",
        {**VALID, "unit": "99999999999999999999", "last_reviewed": "2999-01-01"},
    )
    assert response.status_code == 400
    form = response.context["form"]
    assert set(form.errors) == {"unit", "last_reviewed"}
    assert not Asset.objects.exists()


def test_the_list_filters_by_kind_unit_and_overdue_review(client_for, contact_point):
    lab = AssetFactory(name="Quantum lab", last_reviewed=months_ago(14))
    AssetFactory(name="Manuscript archive", kind=Asset.Kind.DATA_SET)
    client = client_for(contact_point)

    def names(query):
        page = client.get(f"/register/values/?{query}")
        return {a.name for a in page.context["page_obj"]}

    assert names("") == {"Quantum lab", "Manuscript archive"}
    assert names("kind=data_set") == {"Manuscript archive"}
    assert names("review=overdue") == {"Quantum lab"}
    assert names(f"unit={lab.unit_id}") == {"Quantum lab"}
    assert names("q=manuscript") == {"Manuscript archive"}
    assert "Gjennomgang på overtid" in client.get("/register/values/").content.decode()


def test_mark_reviewed_sets_today_and_who(client_for, leader):
    asset = AssetFactory(last_reviewed=months_ago(13))
    assert asset.is_overdue()
    response = client_for(leader).post(f"/register/values/{asset.pk}/reviewed/")
    asset.refresh_from_db()
    assert response.status_code == 302
    assert not asset.is_overdue()
    assert asset.reviewed_by == leader
    assert asset.history.first().history_change_reason == "reviewed"


def test_an_overdue_asset_is_reminded_of_once_per_review(
    settings, django_capture_on_commit_callbacks
):
    settings.CONTACT_POINT_EMAIL = "kontaktpunkt@example.org"
    unit = f.UnitFactory()
    dean = f.leader(unit=unit, email="dean@example.org")
    f.leader(email="rector-elsewhere@example.org")  # another unit's leader
    overdue = AssetFactory(unit=unit, name="Quantum lab", last_reviewed=months_ago(13))
    AssetFactory(last_reviewed=months_ago(11))  # not yet due
    AssetFactory(last_reviewed=months_ago(20), retired=True)  # no longer kept
    with django_capture_on_commit_callbacks(execute=True):
        assert services.send_review_reminders() == 1
    addresses = sorted(m.to[0] for m in mail.outbox)
    assert addresses == [dean.email, "kontaktpunkt@example.org"]
    assert "Quantum lab" in mail.outbox[0].subject
    assert f"/register/values/{overdue.pk}/" in mail.outbox[0].body
    # beat runs again the next day, and the task is redelivered: nothing more
    with django_capture_on_commit_callbacks(execute=True):
        assert tasks.send_review_reminders.delay().get() == 0
    assert tasks.remind_review.delay(overdue.pk).get() == 0
    assert len(mail.outbox) == 2
    # reviewed, and overdue again a year later: a new reminder
    Asset.objects.filter(pk=overdue.pk).update(last_reviewed=months_ago(12.5))
    with django_capture_on_commit_callbacks(execute=True):
        assert services.send_review_reminders() == 1
    assert len(mail.outbox) == 4
