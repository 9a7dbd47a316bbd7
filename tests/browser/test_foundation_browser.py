from __future__ import annotations

import pytest

from tests import factories

pytestmark = pytest.mark.browser


def test_researcher_logs_in_and_switches_language(browse):
    factories.researcher(username="forsker")
    browse.visit("/accounts/login/")
    browse.screenshot("login")
    browse.login("forsker", through_form=True)
    browse.audit()
    assert browse.page.locator("h1").inner_text().startswith("Velkommen")
    browse.page.click("button[name=language][value=en]")
    browse.page.wait_for_load_state("load")
    browse.audit()
    assert browse.page.locator("h1").inner_text().startswith("Welcome")
    assert browse.screenshot("home-en").exists()
