"""Role-by-URL permission matrix for the register pages (issue 3)."""

from __future__ import annotations

import pytest
from django.core.files.base import ContentFile

from tests import factories as f
from tests.roles import cases, user_for

pytestmark = pytest.mark.django_db

#            anon same other contact export leader admin
READ_ALL = [302, 200, 200, 200, 200, 200, 200]
SCOPED = [302, 200, 404, 200, 404, 200, 200]
EDIT = [302, 403, 403, 200, 403, 403, 200]
CONFIRM = [302, 403, 403, 302, 403, 403, 302]

MATRIX = [
    ("get", "/agreements/", READ_ALL),
    ("get", "/agreements/{a}/", SCOPED),
    ("get", "/agreements/{a}/document/", SCOPED),
    ("get", "/agreements/{a}/edit/", EDIT),
    ("get", "/agreements/new/", EDIT),
    ("get", "/agreements/export.csv", READ_ALL),
    ("get", "/agreements/export.xlsx", READ_ALL),
    ("get", "/agreements/import/", EDIT),
    ("post", "/agreements/import/confirm/", CONFIRM),
    ("get", "/partners/", READ_ALL),
    ("get", "/partners/{p}/", READ_ALL),
    ("get", "/partners/new/", EDIT),
    ("get", "/partners/{p}/edit/", EDIT),
    ("get", "/partners/search/?q=a", READ_ALL),
    # an empty incident is a form error for those who may record one
    ("post", "/partners/{p}/incidents/", [302, 403, 403, 400, 403, 403, 400]),
    # POSTs check the role too, not only the GET (access review)
    ("post", "/agreements/new/", EDIT),
    ("post", "/agreements/{a}/edit/", EDIT),
    ("post", "/agreements/import/", EDIT),
    ("post", "/partners/new/", EDIT),
    ("post", "/partners/{p}/edit/", EDIT),
    # starting a screening from an agreement needs that agreement to be visible
    ("get", "/screenings/new/?agreement={a}", [302, 200, 404, 200, 404, 403, 200]),
]


@pytest.fixture(autouse=True)
def _private_media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.mark.parametrize(
    ("method", "url", "role", "expected"),
    cases(MATRIX),
)
def test_permission_matrix(client, method, url, role, expected):
    unit = f.UnitFactory()
    agreement = f.AgreementFactory(responsible_unit=unit)
    agreement.document.save("x.pdf", ContentFile(b"%PDF-1.7 test"))
    user = user_for(role, unit)
    if user is not None:
        client.force_login(user)
    path = url.format(a=agreement.pk, p=agreement.partners.first().pk)
    response = getattr(client, method)(path)
    assert response.status_code == expected


def test_researcher_sees_own_unit_and_own_agreements_only(client_for):
    unit = f.UnitFactory()
    me = f.researcher(unit=unit)
    f.AgreementFactory(title="Unit's", responsible_unit=unit)
    f.AgreementFactory(title="Mine elsewhere", responsible_person=me)
    f.AgreementFactory(title="Someone else's")
    response = client_for(me).get("/agreements/")
    assert sorted(a.title for a in response.context["page_obj"]) == [
        "Mine elsewhere",
        "Unit's",
    ]
    export = client_for(me).get("/agreements/export.csv").content.decode()
    assert "Someone else's" not in export


def test_responsible_person_may_download_the_document(client_for):
    me = f.researcher()
    agreement = f.AgreementFactory(responsible_person=me)
    agreement.document.save("x.pdf", ContentFile(b"%PDF-1.7 test"))
    assert (
        client_for(me).get(f"/agreements/{agreement.pk}/document/").status_code == 200
    )


def test_partner_page_lists_only_visible_agreements(client_for):
    partner = f.PartnerFactory()
    unit = f.UnitFactory()
    f.AgreementFactory(title="Visible", partners=[partner], responsible_unit=unit)
    f.AgreementFactory(title="Hidden", partners=[partner])
    html = client_for(f.researcher(unit=unit)).get(f"/partners/{partner.pk}/").content
    assert b"Visible" in html
    assert b"Hidden" not in html
