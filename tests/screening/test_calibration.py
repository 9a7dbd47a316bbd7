"""The calibration table (screening/calibration/cases.yaml) through the real
engine and the country facts loaded from fixtures/: every case comes out at the
level and with the routes a contact point expects."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command

from countries.models import Country
from screening import calibration
from screening import questionnaire as qn

pytestmark = pytest.mark.django_db

TABLE = calibration.load()
KINDS = {"students_out", "teaching_abroad", "joint_research", "contract_research"}
KINDS |= {"guests_in", "recruitment"}
REGIONS = {"DK", "SE", "DE", "GB", "US", "CN", "RU", "IR", "IN", "UA", "SA", "AE"}


def test_the_table_covers_the_ground():
    cases = TABLE.cases
    assert len(cases) >= 40
    assert len({c.id for c in cases}) == len(cases)
    kinds = set().union(*(c.answers.get("collab.components", []) for c in cases))
    assert kinds >= KINDS
    assert {c.country for c in cases} >= REGIONS
    assert {c.partner.kind for c in cases} >= {
        "university", "research_institute", "company", "foundation", "military"
    }  # fmt: skip
    assert all(c.why.strip() and c.level for c in cases)
    assert TABLE.pending <= {c.id for c in cases}


def test_every_case_comes_out_as_the_contact_point_expects():
    call_command("sync_countries", stdout=io.StringIO())
    used = {c.country for c in TABLE.cases}
    countries = {c.iso2: c.facts() for c in Country.objects.filter(iso2__in=used)}
    q = qn.load(*qn.CURRENT)
    differing = calibration.differences(q, TABLE.cases, countries)
    unexpected = {k: v for k, v in differing.items() if k not in TABLE.pending}
    assert not unexpected, "\n" + "\n".join(unexpected.values())
    # Cases waiting for country facts must still differ: once the facts are in
    # the data, the case leaves pending_country_facts on purpose.
    settled = sorted(TABLE.pending - differing.keys())
    assert not settled, f"now as expected, remove from pending_country_facts: {settled}"
