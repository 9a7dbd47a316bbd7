"""Forged or odd input on the screening pages gets a 400 or a message, never a 500.

Probes from issue #21: nesting no page sends in `_orig.<key>`, a `next` that is
no path, a question key longer than the column, ids beyond any integer column.
"""

from __future__ import annotations

import json

import pytest

from screening.models import Comment
from tests import factories
from tests.screening.review_support import submitted

pytestmark = pytest.mark.django_db
DEEP = "[" * 100_000 + "]" * 100_000  # json.loads raises RecursionError
HUGE = "99999999999999999999"  # beyond a 64-bit integer column


@pytest.fixture
def draft(researcher):
    return factories.ScreeningFactory(
        owner=researcher,
        unit=researcher.unit,
        answers={"collab.components": ["joint_research"], "case.stage": "new"},
    )


@pytest.mark.parametrize("original", [DEEP, '[["x"]]', '{"a": "b"}'])
def test_a_section_post_with_a_forged_original_is_refused(
    client_for, researcher, draft, original
):
    response = client_for(researcher).post(
        f"/screenings/{draft.pk}/section/collab/",
        {"collab.anchored": "yes", "_orig.collab.anchored": original, "go": "next"},
    )
    assert response.status_code == 400
    draft.refresh_from_db()
    assert "collab.anchored" not in draft.answers


def test_an_autosave_with_a_deeply_nested_original_is_refused(
    client_for, researcher, draft
):
    response = client_for(researcher).post(
        f"/screenings/{draft.pk}/section/collab/autosave/",
        {"collab.reflection": "Vi deler verdier.", "_orig.collab.reflection": DEEP},
    )
    assert response.status_code == 400
    draft.refresh_from_db()
    assert "collab.reflection" not in draft.answers


def test_a_list_original_as_the_page_renders_it_still_saves(
    client_for, researcher, draft
):
    response = client_for(researcher).post(
        f"/screenings/{draft.pk}/section/collab/",
        {
            "collab.anchored": "yes",
            "_orig.collab.anchored": json.dumps(""),
            "_orig.collab.components": json.dumps(["joint_research"]),
            "go": "next",
        },
    )
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.answers["collab.anchored"] == "yes"


@pytest.mark.parametrize("target", ["abc", "review", "https://evil.example/", "//x"])
def test_a_comment_with_an_odd_next_is_saved_and_lands_on_the_review(
    client_for, contact_point, target
):
    screening = submitted()
    response = client_for(contact_point).post(
        f"/screenings/{screening.pk}/comments/",
        {"body": "Who pays for this?", "next": target},
    )
    assert response.status_code == 302
    assert response["Location"] == f"/screenings/{screening.pk}/review/"
    assert Comment.objects.get().body == "Who pays for this?"


def test_a_comment_with_a_path_as_next_goes_back_there(client_for, contact_point):
    screening = submitted()
    back = f"/screenings/{screening.pk}/review/#answers"
    response = client_for(contact_point).post(
        f"/screenings/{screening.pk}/comments/", {"body": "Hm.", "next": back}
    )
    assert response["Location"] == back


def test_a_comment_on_an_overlong_question_key_is_a_message(client_for, contact_point):
    screening = submitted()
    client = client_for(contact_point)
    response = client.post(
        f"/screenings/{screening.pk}/comments/",
        {"body": "Who pays for this?", "question_key": "k" * 101},
        follow=True,
    )
    assert response.status_code == 200
    assert [m.level_tag for m in response.context["messages"]] == ["error"]
    assert not Comment.objects.exists()


def test_a_reply_to_a_comment_id_beyond_any_integer_is_not_found(
    client_for, contact_point
):
    screening = submitted()
    response = client_for(contact_point).post(
        f"/screenings/{screening.pk}/comments/", {"body": "Svar", "parent": HUGE}
    )
    assert response.status_code in (302, 404)
    assert not Comment.objects.exists()


@pytest.mark.parametrize("param", ["unit", "partner"])
@pytest.mark.parametrize("value", [HUGE, f"-{HUGE}", "9223372036854775808"])
def test_the_review_queue_ignores_an_id_beyond_any_integer(
    client_for, contact_point, param, value
):
    response = client_for(contact_point).get(f"/reviews/?{param}={value}")
    assert response.status_code == 200
