"""The axe audit every browser test relies on fails on a serious violation."""

from __future__ import annotations

import pytest

from tests.browser.conftest import Browse

pytestmark = pytest.mark.browser


def test_the_audit_fails_on_an_image_without_a_text_alternative(chromium, tmp_path):
    context = chromium.new_context()
    try:
        page = context.new_page()
        browse = Browse(page, "", tmp_path)
        page.set_content(
            '<html lang="en"><head><title>t</title></head>'
            "<body><main><h1>Fine</h1><p>Text.</p></main></body></html>"
        )
        browse.audit()  # a clean page passes
        page.set_content(
            '<html lang="en"><head><title>t</title></head>'
            '<body><main><h1>Bad</h1><img src="data:,"></main></body></html>'
        )
        with pytest.raises(AssertionError, match="image-alt"):
            browse.audit()
    finally:
        context.close()
