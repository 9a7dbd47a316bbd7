"""The incident app stands beside screening, not on it: it may use the
register and the countries, never the screening app (issue 22)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from django.utils import timezone

from incidents.models import IncidentReport
from tests import factories as f
from tools.demo import incidents as demo

APP = Path(__file__).resolve().parents[2] / "incidents"


def imported_modules(path: Path) -> set[str]:
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
    return found


def test_the_incident_app_never_imports_screening():
    files = sorted(APP.rglob("*.py"))
    assert len(files) >= 8
    for path in files:
        assert not [
            m for m in imported_modules(path) if m.split(".")[0] == "screening"
        ], path


@pytest.mark.django_db
def test_the_demo_shows_the_channel_in_use_and_can_run_twice():
    f.researcher(username="forsker")
    f.contact_point(username="kontakt")
    f.PartnerFactory(name="Harbin Institute of Technology")
    assert demo.seed_reports() == 2
    assert demo.seed_reports() == 0
    answered, routed = IncidentReport.objects.order_by("number")
    sent = [m.created_at for m in answered.messages.all()]
    assert len(sent) == 2
    assert answered.created_at < sent[0] < sent[1] < timezone.now()
    assert answered.partner.name == "Harbin Institute of Technology"
    assert routed.anonymous
    assert routed.routed_at is not None
