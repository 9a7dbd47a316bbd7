"""The cases of issue #13, scored with the country facts as shipped in fixtures/."""

from __future__ import annotations

import pytest
from django.core.management import call_command

from countries.models import Country
from screening import scoring
from tests.factories import PartnerFactory
from tests.screening.answers import Q, answers

pytestmark = pytest.mark.django_db
LEVELS = ("low", "medium", "high", "very_high")


@pytest.fixture(autouse=True)
def reference_data():
    call_command("sync_countries", stdout=open("/dev/null", "w"))  # noqa: SIM115


def score(iso2: str, given: dict[str, object], kind: str = "university"):
    country = Country.objects.get(iso2=iso2)
    partner = PartnerFactory(country=country, kind=kind)
    return scoring.score(Q, given, country.facts(), [partner.facts()])


def keys(items) -> set[str]:
    return {item.key for item in items}


def test_china_is_t3_because_the_threat_assessments_name_it_a_main_actor():
    china = Country.objects.get(iso2="CN")
    assert china.tier == "T3"
    fact = china.facts().get("threat_assessment_named")
    assert (fact.value, fact.state) == ("main_actor", "to_be_verified")
    assert "PST" in fact.source
    assert fact.edition == "NTV 2023 (PST)"


def test_a_kyiv_exchange_gets_no_export_control_task_from_a_regime_against_russia():
    ukraine = Country.objects.get(iso2="UA")
    assert ukraine.tier == "T1"
    result = score("UA", answers(country__physical_presence="no"))
    assert "R-EC" not in keys(result.routes)
    assert not any(line.rule.startswith("CTY-SANC") for line in result.ledger)
    assert result.overall == "low"


def test_institutional_cooperation_with_a_russian_state_university_is_at_least_high():
    given = answers(
        collab__components=["joint_research", "mou"],
        collab__agreement_status="signed",
        research__area=["gen_humanities"],
    )
    result = score("RU", given)
    assert "HT-12" in keys(result.hard_triggers)
    assert LEVELS.index(result.overall_computed) >= LEVELS.index("high")
    assert "R-LEAD" in keys(result.routes)
    freeze = Country.objects.get(iso2="RU").facts().get("policy_instruction")
    assert "Kunnskapsdepartementet" in freeze.source


def test_belarus_carries_the_freeze_marked_to_be_verified():
    fact = Country.objects.get(iso2="BY").facts().get("policy_instruction")
    assert (fact.value, fact.state) == ("institutional_freeze", "to_be_verified")


def test_health_data_to_a_us_university_without_dpf_is_not_adequate():
    given = answers(
        collab__components=["joint_research", "data_sharing"],
        data__personal="special",
        data__third_country="yes",
        data__transfer_basis="adequacy",
        data__adequacy_covered="no",
    )
    result = score("US", given)
    assert "HT-11" in keys(result.hard_triggers)
    dp = next(d for d in result.dimensions if d.key == "DP")
    assert LEVELS.index(dp.level) >= LEVELS.index("high")


@pytest.mark.parametrize(
    ("iso2", "scope"),
    [
        ("US", "dpf_certified"),
        ("CA", "commercial"),
        ("JP", "private_sector"),
        ("GB", "full"),
        ("CH", "full"),
    ],
)
def test_each_adequacy_decision_has_its_scope(iso2, scope):
    facts = Country.objects.get(iso2=iso2).facts()
    assert facts.value("gdpr_adequacy") == "adequate"
    assert facts.value("gdpr_adequacy_scope") == scope


def test_travel_advice_and_data_access_laws_reach_the_ledger():
    result = score("RU", answers())
    assert {"CTY-TRAVEL-A", "CTY-DATA-LAW"} <= {line.rule for line in result.ledger}
