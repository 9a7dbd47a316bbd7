"""Role-by-URL matrix for reports and the dashboard."""

from __future__ import annotations

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage

from screening import tasks
from screening.models import Report
from tests import factories
from tests.screening.reports_support import scored_screening

ROLES = [
    "anonymous",
    "researcher_same_unit",
    "researcher_other_unit",
    "contact_point",
    "export_control",
    "leadership",
    "superuser",
]


@pytest.fixture(autouse=True)
def _setup(settings, tmp_path, monkeypatch):
    settings.MEDIA_ROOT = tmp_path / "media"
    monkeypatch.setattr(tasks.render_report, "delay", lambda pk: None)


@pytest.fixture
def world(db):
    owner = factories.researcher()
    users = {
        "anonymous": None,
        "researcher_same_unit": factories.researcher(unit=owner.unit),
        "researcher_other_unit": factories.researcher(),
        "contact_point": factories.contact_point(),
        "export_control": factories.export_officer(),
        "leadership": factories.leader(),
        "superuser": factories.UserFactory(is_superuser=True, is_staff=True),
    }
    screening = scored_screening(owner=owner)
    name = default_storage.save("reports/summary-x.pdf", ContentFile(b"%PDF-1.7 x"))
    report = Report.objects.create(
        kind=Report.Kind.SUMMARY,
        requested_by=users["leadership"],
        status=Report.Status.READY,
        file_name=name,
        pages=1,
        size=10,
        data_fingerprint="x",
    )
    failed = Report.objects.create(
        kind=Report.Kind.SUMMARY,
        requested_by=users["leadership"],
        status=Report.Status.FAILED,
        data_fingerprint="y",
    )
    return {"users": users, "screening": screening, "report": report, "failed": failed}


def _client(client, user):
    if user is not None:
        client.force_login(user)
    return client


REPORT_VIEWS = {  # someone else's (leadership's) summary report
    "anonymous": 302,
    "researcher_same_unit": 404,
    "researcher_other_unit": 404,
    "contact_point": 200,
    "export_control": 404,
    "leadership": 200,
    "superuser": 200,
}


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("suffix", ["", "status/", "download/"])
def test_report_pages_and_download(client, world, role, suffix):
    response = _client(client, world["users"][role]).get(
        f"/reports/{world['report'].pk}/{suffix}"
    )
    assert response.status_code == REPORT_VIEWS[role]
    if response.status_code == 200 and suffix == "download/":
        assert response["Content-Disposition"].startswith("attachment")
        assert b"".join(response.streaming_content).startswith(b"%PDF")


@pytest.mark.parametrize("role", ROLES)
def test_retry(client, world, role):
    expected = {**REPORT_VIEWS, "contact_point": 302, "leadership": 302}
    expected["superuser"] = 302
    response = _client(client, world["users"][role]).post(
        f"/reports/{world['failed'].pk}/retry/"
    )
    assert response.status_code == expected[role]


@pytest.mark.parametrize("role", ROLES)
def test_report_list(client, world, role):
    response = _client(client, world["users"][role]).get("/reports/")
    assert response.status_code == (302 if role == "anonymous" else 200)


CENTRAL = {"contact_point", "leadership", "superuser"}


@pytest.mark.parametrize("role", ROLES)
def test_dashboard(client, world, role):
    response = _client(client, world["users"][role]).get("/dashboard/")
    expected = 302 if role == "anonymous" else 200 if role in CENTRAL else 403
    assert response.status_code == expected


@pytest.mark.parametrize("role", ROLES)
def test_request_summary(client, world, role):
    response = _client(client, world["users"][role]).post("/reports/summary/")
    if role == "anonymous":
        assert response["Location"].startswith("/accounts/login/")
    elif role in CENTRAL:
        assert response.status_code == 302
        assert response["Location"].startswith("/reports/")
    else:
        assert response.status_code == 403


@pytest.mark.parametrize("role", [*ROLES, "owner"])
def test_request_screening_report(client, world, role):
    user = world["screening"].owner if role == "owner" else world["users"][role]
    response = _client(client, user).post(
        f"/screenings/{world['screening'].pk}/report/"
    )
    expected = {
        "anonymous": 302,
        "researcher_same_unit": 404,
        "researcher_other_unit": 404,
    }.get(role, 302)
    assert response.status_code == expected
    if role not in ("anonymous", "researcher_same_unit", "researcher_other_unit"):
        assert response["Location"].startswith("/reports/")
