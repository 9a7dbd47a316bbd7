"""Country facts on the country page: source, edition, date checked, state; the
contact point confirms or changes them, with history; a researcher cannot."""

from __future__ import annotations

import pytest
from django.core.management import call_command

from countries.models import Country, Indicator

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def reference_data():
    call_command("sync_countries", stdout=open("/dev/null", "w"))  # noqa: SIM115


def threat(iso2: str) -> Indicator:
    return Indicator.objects.get(country_id=iso2, kind="threat_assessment_named")


def test_the_country_page_shows_source_edition_date_and_state(client_for, researcher):
    text = client_for(researcher).get("/countries/CN/").text
    assert "Kategori T3 fordi de norske trusselvurderingene nevner staten" in text
    assert "PST, Nasjonal trusselvurdering" in text
    assert "NTV 2023 (PST)" in text
    assert "kontrollert 03.12.2026" in text
    assert "Skal kontrolleres" in text
    assert "Check the latest editions: PST Nasjonal trusselvurdering 2026" in text
    assert "Bekreft eller endre" not in text  # a researcher only reads


def test_the_us_page_shows_the_scope_of_its_adequacy_decision(client_for, researcher):
    text = client_for(researcher).get("/countries/US/").text
    assert "Virkeområdet til adekvansbeslutningen" in text
    assert "sertifisert under EU\u2013US Data Privacy Framework" in text
    assert "(EU) 2023/1795" in text


def test_ukraine_explains_its_tier_without_any_sanctions_regime(client_for, researcher):
    text = client_for(researcher).get("/countries/UA/").text
    assert "Kategori T1 fordi ett eller to mindre flagg gjelder." in text
    assert "EU-UKR" not in text


def test_the_contact_point_confirms_a_fact_and_the_history_keeps_it(
    client_for, contact_point
):
    client = client_for(contact_point)
    response = client.post(
        "/countries/CN/facts/threat_assessment_named/",
        {
            "threat_assessment_named-action": "confirm",
            "threat_assessment_named-note": "Checked against NTV 2026, page 12.",
        },
    )
    assert response.status_code == 302
    record = threat("CN")
    assert (record.to_be_verified, record.set_by_institution) == (False, False)
    assert record.value == "main_actor"
    assert record.history.first().history_user == contact_point
    text = client.get("/countries/CN/").text
    assert "Kontrollert" in text
    assert "Checked against NTV 2026, page 12." in text
    assert str(contact_point) in text


def test_the_contact_point_changes_a_fact_and_the_tier_follows(
    client_for, contact_point
):
    assert Country.objects.get(iso2="PK").tier == "T2"
    client = client_for(contact_point)
    response = client.post(
        "/countries/PK/facts/threat_assessment_named/",
        {
            "threat_assessment_named-action": "override",
            "threat_assessment_named-value": "no",
            "threat_assessment_named-source": "PST, Nasjonal trusselvurdering 2026",
            "threat_assessment_named-edition": "NTV 2026",
            "threat_assessment_named-note": "NTV 2026 does not name Pakistan.",
        },
    )
    assert response.status_code == 302
    record = threat("PK")
    assert (record.value, record.state) == ("no", "institution")
    assert record.detail == ""  # the old detail spoke of the old value
    assert record.source == "PST, Nasjonal trusselvurdering 2026"
    assert Country.objects.get(iso2="PK").tier != "T2"
    assert [h.value for h in record.history.order_by("history_date")] == ["no"]
    text = client.get("/countries/PK/").text
    assert "Satt av institusjonen" in text
    assert "NTV 2026 does not name Pakistan." in text


def test_the_contact_point_can_enter_a_fact_nobody_has_entered(
    client_for, contact_point
):
    client_for(contact_point).post(
        "/countries/SE/facts/rule_of_law_band/",
        {
            "rule_of_law_band-action": "override",
            "rule_of_law_band-value": "ok",
            "rule_of_law_band-source": "World Justice Project Rule of Law Index",
            "rule_of_law_band-note": "Sweden ranks in the top group.",
        },
    )
    fact = Country.objects.get(iso2="SE").facts().get("rule_of_law_band")
    assert (fact.value, fact.state) == ("ok", "institution")


def test_a_change_without_a_reason_gets_an_error_next_to_the_field(
    client_for, contact_point
):
    response = client_for(contact_point).post(
        "/countries/CN/facts/travel_advice/",
        {"travel_advice-action": "override", "travel_advice-value": "caution"},
    )
    assert response.status_code == 400
    assert "Skriv hvorfor du endrer den (minst 10 tegn)." in response.text
    assert "Oppgi kilden du har støttet deg på." in response.text
    assert Country.objects.get(iso2="CN").facts().value("travel_advice") == (
        "not_assessed"
    )


def test_a_researcher_cannot_confirm_or_change_a_fact(client_for, researcher):
    client = client_for(researcher)
    for action in ("confirm", "override"):
        response = client.post(
            "/countries/CN/facts/threat_assessment_named/",
            {
                "threat_assessment_named-action": action,
                "threat_assessment_named-value": "no",
                "threat_assessment_named-source": "x",
                "threat_assessment_named-note": "not allowed at all",
            },
        )
        assert response.status_code == 403
    record = threat("CN")
    assert (record.value, record.to_be_verified) == ("main_actor", True)
    assert not record.history.exists()


def test_an_unknown_fact_or_confirming_an_empty_one_is_not_found(
    client_for, contact_point
):
    client = client_for(contact_point)
    assert client.post("/countries/CN/facts/tier/", {}).status_code == 404
    response = client.post(
        "/countries/SE/facts/rule_of_law_band/",
        {"rule_of_law_band-action": "confirm"},
    )
    assert response.status_code == 404
