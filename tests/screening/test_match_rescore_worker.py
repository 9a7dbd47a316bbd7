"""A match decision re-scores the partner's screenings through a real Celery
worker (Redis and PostgreSQL): no manual command, one e-mail each."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Group

from agreements import named_lists, roles
from screening.models import Screening
from tests import factories
from tests.screening import review_support
from tests.worker import celery_worker_process  # noqa: F401 (the harness fixture)


@pytest.fixture
def worker(transactional_db, request):
    for name in roles.ALL:
        Group.objects.get_or_create(name=name)
    return request.getfixturevalue("celery_worker_process")


def level(screening: Screening) -> str:
    return Screening.objects.values_list("overall_level", flat=True).get(
        pk=screening.pk
    )


def level_mails(worker) -> list[str]:
    """The level-change e-mails the worker wrote (not the submission's). One
    file may hold several: Django's file backend names a file by the second
    and appends to it, so messages are split at the line it writes after each."""
    texts = [p.read_text() for p in worker.mail_dir.iterdir()]
    messages = [m for t in texts for m in t.split("-" * 79) if m.strip()]
    return [m for m in messages if "uten at noen har redigert" in m]


def test_a_decision_moves_the_levels_through_the_worker(worker, client):
    partner = factories.PartnerFactory(name="Harbin Engineering University")
    match = factories.PartnerMatchFactory(
        partner=partner,
        score=1.0,
        entry__name="Harbin Engineering University",
        entry__named_list__title="US DoD Section 1286 list",
    )
    named_lists.update_named_list_status(partner)
    submitted = review_support.submitted(partner=partner)
    draft = review_support.draft(partner=partner)
    before = (submitted.overall_level, draft.overall_level)
    client.force_login(factories.contact_point(first_name="Kari"))
    url = f"/partners/{partner.pk}/matches/{match.pk}/"

    client.post(url, {"decision": "confirmed", "reason": "Same organisation"})
    worker.wait_for(
        lambda: (
            (level(submitted), level(draft)) != before and len(level_mails(worker)) >= 2
        ),
        60,
        "the confirmed match to re-score both screenings",
    )
    assert level(submitted) != before[0]
    assert level(draft) != before[1]
    mails = level_mails(worker)
    assert len(mails) == 2  # the researcher and the contact point, once each
    assert any(submitted.owner.email in m for m in mails)
    assert any("kontaktpunkt@localhost" in m for m in mails)
    changed = Screening.objects.get(pk=submitted.pk).level_change
    assert changed["cause"]["kind"] == "match_confirmed"

    client.post(url, {"decision": "dismissed", "reason": "Another campus"})
    worker.wait_for(
        lambda: (level(submitted), level(draft)) == before,
        60,
        "the dismissal to bring the levels back",
    )
    worker.wait_for(lambda: len(level_mails(worker)) >= 4, 30, "the e-mails")
    assert "Senket fra" in "".join(level_mails(worker))
