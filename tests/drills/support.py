"""Helpers for the failure drills: a plain HTTP user of a live server, forms."""

from __future__ import annotations

import http.client
import json
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from urllib.parse import urlencode, urlsplit

from django.conf import settings
from django.contrib.auth.models import Group
from django.test import Client

from agreements import roles
from screening.bench import load
from screening.bench.pages import FormReader
from screening.models import Screening
from tests.worker import test_database_url

MESSAGE = re.compile(r'class="alert[^"]*"[^>]*>(.*?)</div>', re.S)


@dataclass
class Page:
    status: int
    text: str
    location: str = ""

    def messages(self) -> list[str]:
        return [
            re.sub(r"<[^>]+>|\s+", " ", m).strip() for m in MESSAGE.findall(self.text)
        ]


class HttpUser:
    """A logged-in user talking HTTP to a real server (no test-client shortcuts)."""

    def __init__(self, base_url: str, user) -> None:
        parts = urlsplit(base_url)
        self.host, self.port = parts.hostname, parts.port
        client = Client()
        client.force_login(user)
        name = settings.SESSION_COOKIE_NAME
        self.cookies = {name: client.cookies[name].value}

    def request(self, method: str, path: str, data: dict | None = None) -> Page:
        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())}
        body = None
        if data is not None:
            body = urlencode(data, doseq=True)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        connection = http.client.HTTPConnection(self.host, self.port, timeout=60)
        try:
            connection.request(method, path, body=body, headers=headers)
            response = connection.getresponse()
            text = response.read().decode(errors="replace")
            for header in response.headers.get_all("Set-Cookie") or []:
                key, _, rest = header.partition("=")
                self.cookies[key.strip()] = rest.split(";", 1)[0]
            return Page(response.status, text, response.headers.get("Location", ""))
        finally:
            connection.close()

    def get(self, path: str) -> Page:
        page = self.request("GET", path)
        if page.status in (301, 302) and page.location:
            return self.get(urlsplit(page.location).path or "/")
        return page

    def post(self, path: str, data: dict) -> Page:
        page = self.request("POST", path, data)
        if page.status in (301, 302) and page.location:
            return self.get(urlsplit(page.location).path or "/")
        return page


def ensure_groups() -> None:
    """Transactional tests flush the groups the migration made; put them back."""
    for name in roles.ALL:
        Group.objects.get_or_create(name=name)


def section_form(page: Page) -> tuple[dict[str, list[str]], dict[str, list[str]]]:
    """The section form's fields and its radio groups (name -> option values)."""
    reader = FormReader()
    reader.feed(page.text)
    form = next(f for f in reader.forms if "revision" in f)
    return form, {k: list(dict.fromkeys(v)) for k, v in reader.radios.items()}


def changed(form: dict, radios: dict, screening: Screening, skip: int = 0) -> tuple:
    """The form with one more radio answer changed: (data, question key, value)."""
    data = {k: v for k, v in form.items() if v}
    names = [name for name, values in radios.items() if len(values) > 1]
    name = names[skip]
    current = screening.answers.get(name)
    value = next(v for v in radios[name] if v != current)
    data[name] = [value]
    return data, name, value


def originals_of(screening: Screening, data: dict) -> dict:
    for name in list(data):
        if name.startswith("_orig."):
            data[name] = [json.dumps(screening.answers.get(name[6:], ""))]
    return data


@contextmanager
def gunicorn(**env: str) -> Iterator[str]:
    """One gunicorn worker on the test database; yields its base URL."""
    port = load.free_port()
    server = load.start_gunicorn(port, 1, DATABASE_URL=test_database_url(), **env)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.terminate()
        server.wait(timeout=30)
