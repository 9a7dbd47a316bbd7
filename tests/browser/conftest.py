"""Browser tests: Playwright for Python driving Debian's Chromium against live_server.

Every page a test opens through `browse.visit()` (or after an action, through
`browse.audit()`) is checked with axe-core; a serious or critical violation
fails the test. Screenshots go to the test's temporary directory.
"""

from __future__ import annotations

import functools
import json
import os
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.test import Client

from tests.services import chromium_path

# Playwright's sync API runs an event loop in this thread; Django's ORM must be
# allowed to run beside it (test process only, never in deployment).
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

AXE_JS = (
    Path(__file__).resolve().parent.parent / "assets" / "axe-core-4.11.0" / "axe.min.js"
)
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
]
PASSWORD = "correct horse battery staple"


@pytest.fixture(scope="session")
def chromium():
    path = chromium_path()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=path, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@functools.cache
def _axe_source() -> str:
    return AXE_JS.read_text(encoding="utf-8")


class Browse:
    """A page plus the live server's address, an axe audit and screenshots."""

    def __init__(self, page, base_url: str, shots: Path) -> None:
        self.page = page
        self.base_url = base_url
        self.shots = shots
        self.audited: list[str] = []
        self._count = 0

    def visit(self, path: str):
        response = self.page.goto(self.base_url + path)
        assert response is not None, path
        assert response.status < 400, f"{path}: {response.status}"
        self.audit()
        return response

    def audit(self) -> None:
        """Run axe-core on the current page; fail on serious or critical violations."""
        self.page.wait_for_load_state("load")
        if not self.page.evaluate("() => typeof window.axe === 'object'"):
            self.page.evaluate(_axe_source())
        # Only the violations are wanted: axe then skips collecting every passing
        # node (half the run on a long page) and sends back a few bytes, not 200 kB.
        violations = self.page.evaluate(
            "async () => (await axe.run(document, {runOnly: "
            "['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'], "
            "resultTypes: ['violations']})).violations"
        )
        bad = [v for v in violations if v["impact"] in ("serious", "critical")]
        assert not bad, f"axe violations on {self.page.url}:\n" + json.dumps(
            [
                {
                    "id": v["id"],
                    "impact": v["impact"],
                    "help": v["help"],
                    "nodes": [n["target"] for n in v["nodes"][:5]],
                }
                for v in bad
            ],
            indent=1,
        )
        self.audited.append(self.page.url)

    def screenshot(self, name: str) -> Path:
        self._count += 1
        path = self.shots / f"{self._count:02d}-{name}.png"
        self.page.screenshot(path=str(path), full_page=True)
        return path

    def login(
        self,
        username: str,
        password: str = PASSWORD,
        *,
        through_form: bool = False,
        land: bool = False,
    ) -> None:
        """Log in as `username`: through the login page (`through_form`), or
        with a session made on the server, as Django's `Client.force_login`
        makes it, handed to the browser as its cookie. Only the tests of
        logging in need the form; the others went through two page loads and
        a POST each time (about 0.8 s). `land`: then open the home page, where
        the form lands."""
        if through_form:
            self.page.goto(self.base_url + "/accounts/login/")
            self.page.fill("input[name=username]", username)
            self.page.fill("input[name=password]", password)
            self.page.click("#login-form button[type=submit]")
            self.page.wait_for_load_state("load")
            assert "/accounts/login/" not in self.page.url, (
                "login failed: " + self.page.inner_text("main")[:500]
            )
            return
        client = Client()
        client.force_login(
            get_user_model().objects.get(username=username),
            backend="django.contrib.auth.backends.ModelBackend",
        )
        session = client.cookies[settings.SESSION_COOKIE_NAME].value
        self.page.context.add_cookies(
            [
                {
                    "name": settings.SESSION_COOKIE_NAME,
                    "value": session,
                    "url": self.base_url,
                }
            ]
        )
        if land:
            self.page.goto(self.base_url + "/")
            self.page.wait_for_load_state("load")
            assert "/accounts/login/" not in self.page.url, "the session was refused"


@pytest.fixture
def browse(chromium, live_server, tmp_path, transactional_db):
    context = chromium.new_context(
        bypass_csp=True, viewport={"width": 1280, "height": 900}
    )
    page = context.new_page()
    page.set_default_timeout(15_000)
    helper = Browse(page, live_server.url, tmp_path)
    yield helper
    context.close()
