"""Radio buttons and checkboxes are big and visible enough; long answers
count the characters left."""

from __future__ import annotations

import pytest

from tests import factories as f

pytestmark = pytest.mark.browser


def _luminance(rgb: str) -> float:
    channels = [int(c) / 255 for c in rgb[rgb.index("(") + 1 : -1].split(",")[:3]]
    linear = [
        c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels
    ]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def _assert_visible_target(control) -> None:
    box = control.bounding_box()
    border = control.evaluate("e => getComputedStyle(e).borderTopColor")
    contrast = 1.05 / (_luminance(border) + 0.05)  # against white
    assert box["width"] >= 24
    assert box["height"] >= 24
    assert contrast >= 3, border


def test_controls_have_3_to_1_borders_and_24_px_targets(browse):
    f.contact_point(username="kari")
    browse.login("kari")
    browse.visit("/agreements/new/")

    _assert_visible_target(browse.page.locator("main input[type=checkbox]").first)


def test_a_long_answer_counts_the_characters_left(browse):
    researcher = f.researcher(username="forsker")
    screening = f.ScreeningFactory(owner=researcher)
    browse.login("forsker")
    browse.visit(f"/screenings/{screening.pk}/section/collab/")
    page = browse.page
    _assert_visible_target(page.locator("main input[type=radio]").first)
    area = page.locator("textarea[name='collab.reflection']")
    counter = page.locator("textarea[name='collab.reflection'] + .char-count")

    assert " ".join(counter.inner_text().split()) == "4 000 tegn igjen"
    area.fill("x" * 3990)
    area.dispatch_event("input")
    assert " ".join(counter.inner_text().split()) == "10 tegn igjen"
    assert counter.get_attribute("id") in area.get_attribute("aria-describedby")
    browse.audit()
