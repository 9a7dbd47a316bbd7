"""`make run`'s demo: believable data, printed logins, safe to run twice."""

from __future__ import annotations

import datetime
import io
import re

import pytest
from django.conf import settings
from django.core.management import call_command
from django.utils import timezone

from agreements.models import Agreement, Partner
from screening.models import FollowUp, Screening

pytestmark = pytest.mark.django_db


def seed() -> str:
    out = io.StringIO()
    call_command("seed_demo", stdout=out)
    return out.getvalue()


def test_demo_register_screenings_and_logins(django_capture_on_commit_callbacks):
    call_command("load_reference_data", stdout=io.StringIO())
    with django_capture_on_commit_callbacks(execute=True):
        first = seed()
        second = seed()
    logins = re.findall(r"^  (\w+) / (\S+)  \((.+)\)$", second, re.M)
    assert [(user, role) for user, _, role in logins] == [
        ("forsker", "Researcher"),
        ("kontakt", "Contact point"),
        ("eksport", "Export control"),
        ("leder", "Leadership"),
        ("admin", "Administrator"),
    ]
    assert re.findall(r"^  forsker / (\S+)", first, re.M) != [logins[0][1]]  # new
    assert Agreement.objects.count() >= 60
    assert Partner.objects.count() >= 40
    assert Partner.objects.values("country").distinct().count() >= 20
    levels = set(Screening.objects.values_list("overall_level", flat=True))
    assert levels == {"low", "medium", "high", "very_high", "incomplete"}
    # Believable: well-known universities in allied countries on everyday work
    # are Low or Medium; the high levels belong to partners of concern.
    allied = Screening.objects.filter(country__tier__in=["T0", "T1"])
    assert set(allied.values_list("overall_level", flat=True)) <= {
        "low",
        "medium",
        "incomplete",
    }
    of_concern = Screening.objects.filter(country__tier__in=["T2", "T3"])
    assert {"high", "very_high"} <= set(
        of_concern.values_list("overall_level", flat=True)
    )
    assert not Screening.objects.filter(title__contains="Arctic").exists()  # bokmål
    # The queue's waiting times are spread: most within the target, not all late.
    waiting = Screening.objects.filter(status__in=["submitted", "in_review"])
    late = timezone.now() - datetime.timedelta(days=settings.REVIEW_WAITING_DAYS)
    assert 0 < waiting.filter(submitted_at__lt=late).count() < waiting.count() / 2
    for screening in Screening.objects.all():
        assert screening.answers["case.title"] == screening.title
        assert screening.answers["case.country"] == screening.country_id
    # The demo's conditions of approval are follow-ups on the researcher's list.
    assert FollowUp.objects.exists()
    counts = (
        Agreement.objects.count(),
        Screening.objects.count(),
        FollowUp.objects.count(),
    )
    seed()
    assert (
        Agreement.objects.count(),
        Screening.objects.count(),
        FollowUp.objects.count(),
    ) == counts
