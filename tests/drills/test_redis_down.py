"""Drill: Redis (broker and page cache) stops while people are working.

A real gunicorn runs the production configuration with CACHE_URL and
CELERY_BROKER_URL on the drill's own Redis (a throwaway redis-server on a free
port, never the shared one). Each role walks its main pages and sends a form
with Redis up, then again with Redis stopped: every answer is a page, never a
500. Sessions live in the database, so nobody is logged out and logins work;
pages render without the cache; a report asked for while the broker is away
fails with a reason the user can read.
"""

from __future__ import annotations

import re
import shutil
import socket
import subprocess
import time

import pytest

from agreements.models import User
from screening.models import Comment, Report, Screening
from screening.services import screenings as screening_services
from tests import factories
from tests.drills.support import (
    HttpUser,
    Page,
    changed,
    gunicorn,
    originals_of,
    section_form,
)
from tests.screening.flow_answers import answer_everything
from tests.services import need, need_postgres
from tools.bench.load import free_port

pytestmark = pytest.mark.services
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


class ThrowawayRedis:
    """redis-server on its own port, no persistence; stopped by this drill only."""

    def __init__(self) -> None:
        self.port = free_port()

    def start(self) -> None:
        subprocess.run(
            [
                *("redis-server", "--port", str(self.port), "--bind", "127.0.0.1"),
                *("--save", "", "--appendonly", "no", "--daemonize", "yes"),
            ],
            check=True,
            capture_output=True,
        )
        self._wait(up=True)

    def stop(self) -> None:
        subprocess.run(
            ["redis-cli", "-p", str(self.port), "shutdown", "nosave"],
            capture_output=True,
            check=False,
        )
        self._wait(up=False)

    def _wait(self, *, up: bool) -> None:
        for _ in range(100):
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=0.2).close()
                listening = True
            except OSError:
                listening = False
            if listening == up:
                return
            time.sleep(0.05)
        raise AssertionError(f"the drill's Redis did not {'start' if up else 'stop'}")


@pytest.fixture
def redis_of_its_own(transactional_db):
    need_postgres()
    need(bool(shutil.which("redis-server")), "redis-server")
    redis = ThrowawayRedis()
    redis.start()
    yield redis
    redis.stop()


def _token(page: Page) -> str:
    found = CSRF.search(page.text)
    assert found, "no form with a CSRF token on the page"
    return found.group(1)


def _ok(page: Page, what: str) -> None:
    assert page.status < 500, f"{what}: {page.status}\n{page.text[:1500]}"


def _walk(user: HttpUser, paths: list[str]) -> None:
    for path in paths:
        page = user.get(path)
        _ok(page, path)
        assert page.status == 200, f"{path}: {page.status}"
        assert "/accounts/login/" not in page.location, f"{path}: logged out"


def _log_in(url: str, user: User) -> Page:
    visitor = HttpUser(url, user)
    visitor.cookies = {}  # anonymous: a fresh browser
    form = visitor.get("/accounts/login/")
    _ok(form, "login page")
    data = {
        "csrfmiddlewaretoken": _token(form),
        "username": user.username,
        "password": "correct horse battery staple",
    }
    return visitor.post("/accounts/login/", data)


def _answer_a_section(user: HttpUser, screening: Screening) -> None:
    sections = screening.questionnaire.sections
    key = next(s.key for s in sections if s.key != "case" and s.questions)
    path = f"/screenings/{screening.pk}/section/{key}/"
    form, radios = section_form(user.get(path))
    data, question, value = changed(form, radios, screening)
    page = user.post(path, originals_of(screening, data))
    _ok(page, "section save")
    screening.refresh_from_db()
    assert screening.answers[question] == value


def _comment(user: HttpUser, screening: Screening, body: str) -> None:
    review = user.get(f"/screenings/{screening.pk}/review/")
    _ok(review, "review page")
    page = user.post(
        f"/screenings/{screening.pk}/comments/",
        {"csrfmiddlewaretoken": _token(review), "body": body},
    )
    _ok(page, "comment")
    assert Comment.objects.filter(screening=screening, body=body).exists()


def _ask_for_summary(user: HttpUser) -> Page:
    reports = user.get("/reports/")
    _ok(reports, "reports page")
    page = user.post("/reports/summary/", {"csrfmiddlewaretoken": _token(reports)})
    _ok(page, "summary report")
    return page


def test_every_role_keeps_working_while_redis_is_down(redis_of_its_own, settings):
    # The server knows only the production hashers; the login below needs one.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.PBKDF2PasswordHasher"]
    researcher = factories.researcher()
    contact = factories.contact_point()
    leader = factories.leader()
    admin = factories.UserFactory(is_staff=True, is_superuser=True)
    draft = factories.ScreeningFactory(owner=researcher)
    submitted = factories.ScreeningFactory(owner=researcher)
    submitted.answers = answer_everything(submitted)
    submitted.save()
    screening_services.submit_screening(submitted, by=researcher)
    factories.AgreementFactory(title="Avtale under Redis-stans")

    base = f"redis://127.0.0.1:{redis_of_its_own.port}"
    with gunicorn(CACHE_URL=f"{base}/1", CELERY_BROKER_URL=f"{base}/0") as url:
        people = {
            "researcher": (HttpUser(url, researcher), ["/", "/screenings/"]),
            "contact point": (
                HttpUser(url, contact),
                ["/", "/agreements/", "/reviews/", "/dashboard/", "/partners/"],
            ),
            "leadership": (HttpUser(url, leader), ["/", "/dashboard/", "/reports/"]),
            "admin": (HttpUser(url, admin), ["/admin/", "/admin/agreements/unit/"]),
        }
        detail = [f"/screenings/{draft.pk}/", f"/screenings/{submitted.pk}/"]
        for user, paths in people.values():  # with Redis up: the cache fills
            _walk(user, paths)
        _walk(people["researcher"][0], detail)

        redis_of_its_own.stop()

        for user, paths in people.values():
            _walk(user, paths)
        _walk(people["researcher"][0], detail)
        _answer_a_section(people["researcher"][0], draft)
        _comment(people["contact point"][0], submitted, "Sett mens Redis var nede")
        page = _ask_for_summary(people["leadership"][0])
        report = Report.objects.get()
        assert report.status == Report.Status.FAILED
        assert report.error in page.text  # told why, with a retry
        admin_user = people["admin"][0]
        switched = admin_user.post(
            "/i18n/setlang/",
            {
                "csrfmiddlewaretoken": _token(admin_user.get("/admin/")),
                "language": "en",
                "next": "/admin/",
            },
        )
        _ok(switched, "language switch")
        admin.refresh_from_db()
        assert admin.language == "en"
        logged_in = _log_in(url, contact)
        _ok(logged_in, "login")
        assert logged_in.status == 200
        assert 'name="password"' not in logged_in.text  # in, not back at the form
        probe = HttpUser(url, admin).get("/healthz")
        assert probe.status == 503  # the broker is down, and the probe says so
