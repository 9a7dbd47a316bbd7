"""A section is complete only when its visible required questions are answered,
and a screening with required questions unanswered cannot be submitted: the
summary lists each missing question with a link to it."""

from __future__ import annotations

import re

import pytest

from screening.models import Screening
from screening.progress import section_progress
from tests import factories
from tests.screening.answers import EXCHANGE

pytestmark = pytest.mark.django_db


def _draft(researcher, answers):
    return factories.ScreeningFactory(
        owner=researcher, unit=researcher.unit, answers=dict(answers)
    )


def _state(screening, key):
    return next(s for s in section_progress(screening) if s.key == key)


def test_an_unanswered_optional_follow_up_leaves_the_section_complete(researcher):
    answers = {k: v for k, v in EXCHANGE.items() if k != "collab.signing_level"}
    screening = _draft(researcher, answers)
    # "signed" shows the follow-up "who signed", which is not required
    assert _state(screening, "collab").done


def test_a_required_question_unanswered_leaves_the_section_partly_answered(
    client_for, researcher
):
    answers = {k: v for k, v in EXCHANGE.items() if k != "collab.agreement_status"}
    screening = _draft(researcher, answers)
    state = _state(screening, "collab")
    assert not state.done
    assert state.missing == ("collab.agreement_status",)
    html = client_for(researcher).get(f"/screenings/{screening.pk}/section/collab/")
    item = html.content.decode().split('class="section-list')[1].split("</li>")[0]
    assert "(delvis besvart)" in item
    assert "✓" not in item


def test_a_required_follow_up_that_appears_keeps_the_section_open(researcher):
    answers = dict(EXCHANGE) | {"research.dual_use": "yes"}
    answers.pop("research.wmd_relevance", None)
    screening = _draft(researcher, answers)
    state = _state(screening, "research")
    # dual use "yes" makes the weapons question required
    assert state.missing == ("research.wmd_relevance",)
    assert not state.done


def test_submitting_with_required_questions_unanswered_is_refused_with_the_list(
    client_for, researcher
):
    missing = ("collab.agreement_status", "research.dual_use")
    answers = {k: v for k, v in EXCHANGE.items() if k not in missing}
    screening = _draft(researcher, answers)
    client = client_for(researcher)
    response = client.post(
        f"/screenings/{screening.pk}/summary/", {"go": "submit"}, follow=True
    )
    screening.refresh_from_db()
    assert screening.status == Screening.Status.DRAFT
    html = response.content.decode()
    assert "kan ikke sendes inn ennå" in html
    box = html.split('id="blocking-title"')[1].split("</section>")[0]
    links = {
        href: text.strip()
        for href, text in re.findall(r'<a href="([^"]+)">([^<]+)</a>', box)
    }
    base = f"/screenings/{screening.pk}/section"
    assert links[f"{base}/collab/#q-collab-agreement-status"].startswith("Finnes")
    assert f"{base}/research/#q-research-dual-use" in links
    # each link lands on the question it names
    page = client.get(f"/screenings/{screening.pk}/section/research/")
    assert 'id="q-research-dual-use"' in page.content.decode()


def test_submitting_once_everything_required_is_answered_goes_through(
    client_for, researcher
):
    screening = _draft(researcher, EXCHANGE)
    assert all(s.done for s in section_progress(screening) if s.has_required)
    url = f"/screenings/{screening.pk}/summary/"
    client_for(researcher).post(url, {"go": "submit"})
    screening.refresh_from_db()
    assert screening.status == Screening.Status.SUBMITTED
