"""Screening pages show whether the owner and co-authors are current."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from competence import status
from tests import factories as f
from tests.competence.support import course, took
from tests.screening.review_support import submitted

pytestmark = pytest.mark.django_db


def _block(body: str) -> str:
    match = re.search(r"<section [^>]*competence-status.*?</section>", body, re.S)
    assert match, "no competence block on the page"
    return match.group(0)


def test_the_summary_shows_each_person_with_current_expired_and_missing(client_for):
    owner = f.researcher(first_name="Frida", last_name="Forsker")
    co = f.researcher(first_name="Kari", last_name="Kollega")
    security = course(title="Forskningssikkerhet", renew_months=12)
    export = course(title="Eksportkontroll", renew_months=24)
    course(title="Valgfritt kurs", required_in_screenings=False)
    today = timezone.localdate()
    took(owner, security, today - timedelta(days=10))
    took(owner, export, today - timedelta(days=900))
    screening = f.ScreeningFactory(owner=owner)
    screening.co_authors.add(co)
    response = client_for(owner).get(f"/screenings/{screening.pk}/summary/")
    block = _block(response.content.decode())
    assert "Kompetanse" in block
    owner_part, co_part = block.split("Kari Kollega")
    assert "Frida Forsker" in owner_part
    assert "Gjeldende" in owner_part
    assert "Utløpt" in owner_part
    assert "Mangler" in co_part
    assert "Gjeldende" not in co_part
    assert "Valgfritt kurs" not in block


def test_no_required_course_no_block(client_for):
    course(required_in_screenings=False)
    screening = f.ScreeningFactory()
    body = client_for(screening.owner).get(f"/screenings/{screening.pk}/summary/")
    assert "competence-status" not in body.content.decode()


def test_the_review_page_shows_the_block(client_for, contact_point):
    c = course(title="Forskningssikkerhet")
    screening = submitted()
    took(screening.owner, c, timezone.localdate())
    body = client_for(contact_point).get(f"/screenings/{screening.pk}/review/")
    block = _block(body.content.decode())
    assert str(screening.owner) in block
    assert "Gjeldende" in block


def test_status_takes_two_queries_for_any_number_of_people():
    courses = [course(title=f"Kurs {i}") for i in range(3)]
    people = [f.researcher() for _ in range(6)]
    for person in people[:3]:
        took(person, courses[0], timezone.localdate())

    def count(n: int) -> int:
        with CaptureQueriesContext(connection) as ctx:
            status.people_status([(p, "x") for p in people[:n]])
        return len(ctx)

    assert count(1) == count(6) == 2


def test_summary_queries_do_not_grow_with_co_authors(client_for):
    course()
    screening = f.ScreeningFactory()
    client = client_for(screening.owner)
    url = f"/screenings/{screening.pk}/summary/"

    def count() -> int:
        client.get(url)  # warm the per-process caches
        with CaptureQueriesContext(connection) as ctx:
            client.get(url)
        return len(ctx)

    screening.co_authors.add(f.researcher())
    one = count()
    screening.co_authors.add(*(f.researcher() for _ in range(4)))
    assert count() == one


def test_the_training_measure_links_to_the_courses(client_for):
    screening = f.ScreeningFactory()
    client = client_for(screening.owner)
    page = client.get(f"/screenings/{screening.pk}/section/mitigation/")
    after = page.content.decode().split('id="q-mitig-measures"')[1]
    question = after.split('class="question')[0]
    assert 'href="/competence/"' in question
    # and only there: other questions on other pages carry no such link
    other = client.get(f"/screenings/{screening.pk}/section/partner/").content.decode()
    assert "training-link" not in other
