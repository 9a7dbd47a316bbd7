"""Hostile POSTs to the incident forms never give a 500 and never store
anything unless the form was valid."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from incidents.models import IncidentMessage, IncidentReport
from tests import factories as f
from tests.incidents.support import report

FUZZ = settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
HOSTILE = st.sampled_from(
    ["", " ", "0", "-1", "9" * 40, "2025-02-30", "2999-01-01", "XX", "zz",
     "<script>alert(1)</script>", "a\x00b", "'; DROP TABLE x; --", "ÆØÅ æøå",
     "1e309", "[]", "\U0001d518\u200b", "x" * 5001, "on", "closed", "nonsense"]
)  # fmt: skip
VALUE = st.one_of(HOSTILE, st.text(max_size=40))
pytestmark = pytest.mark.django_db


def fuzzed(base: dict[str, str], data) -> dict:
    posted = dict(base)
    for name in data.draw(st.lists(st.sampled_from(sorted(base)), max_size=3)):
        if data.draw(st.booleans()):
            posted[name] = data.draw(st.lists(VALUE, min_size=1, max_size=2))
        else:
            posted.pop(name, None)
    return posted


@FUZZ
@given(data=st.data())
def test_the_report_form_never_fails(client_for, data):
    partner = f.PartnerFactory()
    base = {
        "what_happened": "Asked for data",
        "occurred_on": "2026-11-20",
        "partner": str(partner.pk),
        "country": "",
        "anonymous": "on",
    }
    before = IncidentReport.objects.count()
    response = client_for(f.researcher()).post("/incidents/new/", fuzzed(base, data))
    assert response.status_code in (302, 400)
    assert IncidentReport.objects.count() == before + (response.status_code == 302)


@FUZZ
@given(data=st.data())
def test_the_contact_points_forms_never_fail(client_for, data):
    case = report()
    partner = f.PartnerFactory()
    client = client_for(f.contact_point())
    forms = {
        "reply": {"text": "Hello"},
        "status": {"status": "closed"},
        "partner": {
            "partner": str(partner.pk),
            "occurred_on": "2026-11-20",
            "description": "Pressure",
        },
    }
    name = data.draw(st.sampled_from(sorted(forms)))
    response = client.post(f"/incidents/{case.pk}/{name}/", fuzzed(forms[name], data))
    assert response.status_code in (302, 400)
    case.refresh_from_db()
    if response.status_code == 400:
        assert not IncidentMessage.objects.filter(report=case).exists()
        assert case.partner_incident is None
        assert case.status == "received"
