"""Answers that save themselves (a choice, or a long answer while typing) send
back the progress bar and the section list, so both follow without a reload."""

from __future__ import annotations

import json

import pytest

from screening.progress import percent_done, section_progress
from tests import factories
from tests.screening.answers import EXCHANGE

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft(researcher):
    answers = {k: v for k, v in EXCHANGE.items() if k != "collab.research_component"}
    return factories.ScreeningFactory(
        owner=researcher, unit=researcher.unit, answers=answers
    )


def _collab_item(page: str) -> str:
    start = page.index('<div id="section-list"')
    link = page.index("/section/collab/", start)
    return page[link : page.index("</li>", link)]


def test_a_saved_choice_sends_the_new_progress_and_section_list(
    client_for, researcher, draft
):
    page = client_for(researcher).get(f"/screenings/{draft.pk}/section/collab/")
    assert "(partly answered)" in _collab_item(page.content.decode()) or (
        "(delvis besvart)" in _collab_item(page.content.decode())
    )

    response = client_for(researcher).post(
        f"/screenings/{draft.pk}/section/collab/questions/",
        {
            "collab.research_component": "yes",
            "_orig.collab.research_component": json.dumps(""),
            "_save": "collab.research_component",
        },
    )

    body = response.content.decode()
    draft.refresh_from_db()
    percent = percent_done(section_progress(draft))
    assert draft.answers["collab.research_component"] == "yes"
    assert '<div class="mb-3" id="section-progress" hx-swap-oob="true">' in body
    assert f'aria-valuenow="{percent}"' in body
    item = _collab_item(body)
    assert "(besvart)" in item or "(answered)" in item
    assert 'aria-current="step"' in item


def test_re_asking_the_questions_without_a_save_sends_no_progress(
    client_for, researcher, draft
):
    response = client_for(researcher).post(
        f"/screenings/{draft.pk}/section/collab/questions/",
        {"collab.research_component": "yes"},
    )

    body = response.content.decode()
    assert 'id="section-progress"' not in body
    assert 'id="section-list"' not in body


def test_a_long_answer_saved_while_typing_swaps_in_the_progress(
    client_for, researcher, draft
):
    response = client_for(researcher).post(
        f"/screenings/{draft.pk}/section/collab/autosave/",
        {"collab.reflection": "Vi deler verdier.", "_orig.collab.reflection": '""'},
    )

    body = response.content.decode()
    draft.refresh_from_db()
    assert draft.answers["collab.reflection"] == "Vi deler verdier."
    assert '<div class="mb-3" id="section-progress" hx-swap-oob="true">' in body
    percent = percent_done(section_progress(draft))
    assert f'aria-valuenow="{percent}"' in body
    assert '<div id="section-list" hx-swap-oob="true">' in body
