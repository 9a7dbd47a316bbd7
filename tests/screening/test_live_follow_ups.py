"""The section's question list re-evaluated with the answers on the page: a
follow-up comes and goes with its trigger answer, nothing is saved, and what was
typed comes back as it was."""

from __future__ import annotations

import json

import pytest

from tests import factories
from tests.screening.answers import Q

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft(researcher):
    return factories.ScreeningFactory(
        owner=researcher,
        unit=researcher.unit,
        answers={"collab.components": ["joint_research"], "case.stage": "new"},
    )


def _on_page(status: str, reflection: str = "") -> dict[str, str]:
    """The collab section as the page posts it: every question shown with its
    original (not the signing level, a follow-up of the agreement status, nor the
    research-component question, asked only of exchange or teaching alone)."""
    hidden = {"collab.signing_level", "collab.research_component"}
    data = {
        f"_orig.{q.key}": json.dumps("")
        for q in Q.section("collab").questions
        if q.key not in hidden
    }
    data["_orig.collab.components"] = json.dumps(["joint_research"])
    data["collab.components"] = "joint_research"
    data["collab.reflection"] = reflection
    if status:
        data["collab.agreement_status"] = status
    return data


def test_choosing_the_trigger_answer_brings_the_follow_up(client_for, draft):
    url = f"/screenings/{draft.pk}/section/collab/questions/"
    client = client_for(draft.owner)
    before = client.get(f"/screenings/{draft.pk}/section/collab/").content.decode()
    assert 'id="q-collab-signing-level"' not in before
    assert f'data-live-url="{url}"' in before

    html = client.post(url, _on_page("signed", "Vi deler utstyr")).content.decode()
    assert 'id="q-collab-signing-level"' in html
    assert "Vi deler utstyr</textarea>" in html  # typed text kept
    assert 'value="signed"' in html.split('id="q-collab-agreement-status"')[1]
    news = html.split('id="questions-news-text"')[1].split("</p>")[0]
    assert news.strip() == ">Nytt spørsmål: På hvilket nivå blir avtalen signert?"

    gone = client.post(url, _on_page("none_planned")).content.decode()
    assert 'id="q-collab-signing-level"' not in gone
    draft.refresh_from_db()
    assert "collab.agreement_status" not in draft.answers  # nothing saved


def test_only_an_author_of_an_editable_draft_may_ask(client_for, draft):
    url = f"/screenings/{draft.pk}/section/collab/questions/"
    other = factories.researcher()
    assert client_for(other).post(url, _on_page("signed")).status_code == 404
    assert client_for(draft.owner).get(url).status_code == 405


def test_without_javascript_a_new_follow_up_keeps_the_researcher_on_the_section(
    client_for, draft
):
    response = client_for(draft.owner).post(
        f"/screenings/{draft.pk}/section/collab/", _on_page("signed") | {"go": "next"}
    )
    assert response.status_code == 302
    assert response["Location"] == (
        f"/screenings/{draft.pk}/section/collab/#q-collab-signing-level"
    )
    draft.refresh_from_db()
    assert draft.answers["collab.agreement_status"] == "signed"


def test_a_follow_up_shown_live_is_saved_with_its_trigger(client_for, draft):
    data = _on_page("signed") | {
        "_orig.collab.signing_level": json.dumps(""),
        "collab.signing_level": "faculty",
        "go": "next",
    }
    response = client_for(draft.owner).post(
        f"/screenings/{draft.pk}/section/collab/", data
    )
    assert response["Location"] == f"/screenings/{draft.pk}/section/partner/"
    draft.refresh_from_db()
    assert draft.answers["collab.signing_level"] == "faculty"


def test_a_changed_choice_is_saved_at_once(client_for, draft):
    url = f"/screenings/{draft.pk}/section/collab/questions/"
    data = _on_page("signed") | {"_save": "collab.agreement_status"}
    html = client_for(draft.owner).post(url, data).content.decode()
    draft.refresh_from_db()
    assert draft.answers["collab.agreement_status"] == "signed"
    note = html.split('class="choice-saved"')[1].split("</p>")[0]
    assert "data-saved" in note
    assert "Lagret kl." in note
    # the page learns the new original, so the next save is not a conflict
    orig = html.split('id="orig-collab-agreement-status"')[1].split(">")[0]
    assert 'value="&quot;signed&quot;"' in orig
    assert "collab.reflection" not in draft.answers  # only the changed choice


def test_a_choice_changed_in_another_window_is_not_overwritten(client_for, draft):
    draft.answers["collab.agreement_status"] = "none_planned"
    draft.save()
    url = f"/screenings/{draft.pk}/section/collab/questions/"
    data = _on_page("signed") | {"_save": "collab.agreement_status"}
    html = client_for(draft.owner).post(url, data).content.decode()
    draft.refresh_from_db()
    assert draft.answers["collab.agreement_status"] == "none_planned"
    note = html.split('class="choice-saved"')[1].split("</p>")[0]
    assert "data-saved" not in note
    assert "Ikke lagret" in note
