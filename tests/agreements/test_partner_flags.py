"""The partner flags sanctions_list and incident come from data: a match on a
sanctions list (every way a partner enters the register), and an incident
recorded in a screening or on the partner page."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from agreements import named_lists
from agreements.models import NamedList, Partner, PartnerIncident
from screening.models import Screening
from screening.services import screenings as screening_services
from tests import factories
from tests.screening.review_support import answer_everything

pytestmark = pytest.mark.django_db

SANCTIONED = "Volga Institute of Applied Physics"
LIST = (
    b"name,aliases,country_iso2,parent_organization,notes\n"
    b"Volga Institute of Applied Physics,VIAP,RU,,\n"
)


@pytest.fixture
def russia(db):
    return factories.CountryFactory(iso2="RU", name_nb="Russland", name_en="Russia")


def load_sanctions_list() -> NamedList:
    result = named_lists.import_named_list(
        key="eu_sanctions",
        data=LIST,
        title="EU consolidated sanctions list",
        edition="2026-11-01",
        kind="sanctions",
    )
    return result.named_list


def flags(partner: Partner) -> dict[str, str]:
    partner.refresh_from_db()
    return {f.flag: f.value for f in partner.facts().flags}


def by_picking(client, country):
    partner = factories.PartnerFactory(name=SANCTIONED, country=country)
    partner.named_list_matches.all().delete()  # registered before the list came
    researcher = factories.researcher()
    client.force_login(researcher)
    client.post(
        "/screenings/new/",
        {
            "title": "Lasers",
            "country": "RU",
            "unit": researcher.unit_id,
            "stage": "new",
            "components": ["joint_research"],
            "partner": partner.pk,
        },
    )
    return partner


def by_proposing(client, country):
    researcher = factories.researcher()
    client.force_login(researcher)
    client.post(
        "/screenings/new/",
        {
            "title": "Lasers",
            "country": "RU",
            "unit": researcher.unit_id,
            "stage": "new",
            "components": ["joint_research"],
            "proposed_partner_name": SANCTIONED,
            "proposed_partner_country": "RU",
        },
    )
    return Partner.objects.get(name=SANCTIONED)


def by_importing(client, country):
    client.force_login(factories.contact_point())
    content = f"Title,Partners,Countries\nLasers,{SANCTIONED},RU\n".encode()
    client.post("/agreements/import/", {"file": SimpleUploadedFile("r.csv", content)})
    client.post("/agreements/import/confirm/")
    return Partner.objects.get(name=SANCTIONED)


def by_editing(client, country):
    partner = factories.PartnerFactory(name="Volga Optics", country=country)
    client.force_login(factories.contact_point())
    client.post(
        f"/partners/{partner.pk}/edit/",
        {"name": SANCTIONED, "kind": "research_institute", "country": "RU"},
    )
    return partner


def by_admin(client, country):
    client.force_login(factories.UserFactory(is_staff=True, is_superuser=True))
    client.post(
        "/admin/agreements/partner/add/",
        {
            "name": SANCTIONED,
            "country": "RU",
            "kind": "research_institute",
            "aliases-TOTAL_FORMS": "0",
            "aliases-INITIAL_FORMS": "0",
            "aliases-MIN_NUM_FORMS": "0",
            "aliases-MAX_NUM_FORMS": "1000",
        },
    )
    return Partner.objects.get(name=SANCTIONED)


@pytest.mark.parametrize(
    "path", [by_picking, by_proposing, by_importing, by_editing, by_admin]
)
def test_every_path_flags_a_partner_on_a_sanctions_list(client, russia, path):
    load_sanctions_list()
    partner = path(client, russia)
    assert flags(partner) == {"sanctions_list": "candidate"}


def test_a_probable_sanctions_match_fires_ht01_and_a_confirmed_one_scores(russia):
    load_sanctions_list()
    partner = factories.PartnerFactory(name=SANCTIONED, country=russia)
    named_lists.screen_partner(partner)
    screening = factories.ScreeningFactory(partner=partner)
    fired = [t["key"] for t in screening.result["hard_triggers"]]
    assert "HT-01" in fired
    assert not [c for c in screening.result["ledger"] if c["rule"] == "PTN-SANCTIONS"]
    match = partner.named_list_matches.get()
    named_lists.decide_match(
        match, status="confirmed", reason="Same entity", by=factories.contact_point()
    )
    assert flags(partner) == {"sanctions_list": "confirmed"}
    screening = factories.ScreeningFactory(partner=partner)
    line = next(c for c in screening.result["ledger"] if c["rule"] == "PTN-SANCTIONS")
    assert line["fact_source"] == "EU consolidated sanctions list"
    assert line["points"] == 5


def test_a_research_list_match_stays_a_named_list_flag(russia):
    named_lists.import_named_list(key="us_1286", data=LIST, title="US 1286")
    partner = factories.PartnerFactory(name=SANCTIONED, country=russia)
    named_lists.screen_partner(partner)
    match = partner.named_list_matches.get()
    named_lists.decide_match(
        match, status="confirmed", reason="Same", by=factories.contact_point()
    )
    assert flags(partner) == {"named_list": "confirmed"}


def test_the_contact_point_records_an_incident_on_the_partner_page(
    client, django_capture_on_commit_callbacks
):
    partner = factories.PartnerFactory(name="Harbour University")
    screening = factories.ScreeningFactory(partner=partner)
    assert not any(c["rule"] == "PTN-INCIDENT" for c in screening.result["ledger"])
    client.force_login(factories.contact_point())
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/partners/{partner.pk}/incidents/",
            {"occurred_on": "2026-05-02", "description": "Asked for our lab keys."},
        )
    assert response.status_code == 302
    assert flags(partner) == {"incident": "yes"}
    screening.refresh_from_db()
    line = next(c for c in screening.result["ledger"] if c["rule"] == "PTN-INCIDENT")
    assert "Asked for our lab keys." in line["explanation"]["en"]
    page = client.get(f"/partners/{partner.pk}/").content.decode()
    assert "Asked for our lab keys." in page


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"occurred_on": "2999-01-01", "description": "x"}, "occurred_on"),
        ({"occurred_on": "not a date", "description": "x"}, "occurred_on"),
        ({"occurred_on": "2026-05-02", "description": "   "}, "description"),
    ],
)
def test_a_bad_incident_gets_a_field_error(client, data, field):
    partner = factories.PartnerFactory(name="Harbour University")
    client.force_login(factories.contact_point())
    response = client.post(f"/partners/{partner.pk}/incidents/", data)
    assert response.status_code == 400
    assert response.context["incident_form"].errors[field]
    assert not PartnerIncident.objects.exists()


def test_a_researcher_cannot_record_an_incident(client):
    partner = factories.PartnerFactory(name="Harbour University")
    client.force_login(factories.researcher())
    data = {"occurred_on": "2026-05-02", "description": "x"}
    assert client.post(f"/partners/{partner.pk}/incidents/", data).status_code == 403
    assert "Record an incident" not in client.get(f"/partners/{partner.pk}/").text


def test_an_incident_reported_at_renewal_flags_the_partner_elsewhere(
    django_capture_on_commit_callbacks,
):
    partner = factories.PartnerFactory(name="Harbour University")
    other = factories.ScreeningFactory(partner=partner)
    renewal = factories.ScreeningFactory(partner=partner, stage=Screening.Stage.RENEWAL)
    reported = {"case.stage": "renewal", "incident.unusual_requests": "yes"}
    renewal.answers = answer_everything(renewal, **reported)
    renewal.rescore()
    renewal.save()
    with django_capture_on_commit_callbacks(execute=True):
        screening_services.submit_screening(renewal, by=renewal.owner)
        screening_services.submit_screening(renewal, by=renewal.owner)  # no-op
    incident = PartnerIncident.objects.get()
    assert (incident.partner, incident.screening_id) == (partner, renewal.pk)
    assert incident.occurred_on == timezone.localdate()
    other.refresh_from_db()
    renewal.refresh_from_db()
    assert any(c["rule"] == "PTN-INCIDENT" for c in other.result["ledger"])
    # The renewal's own answer already scores; its own incident is not added.
    assert not any(c["rule"] == "PTN-INCIDENT" for c in renewal.result["ledger"])
    own = [c["key"] for c in renewal.result["ledger"]]
    assert "incident.unusual_requests" in own
