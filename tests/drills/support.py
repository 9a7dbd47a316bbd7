"""Helpers for the failure drills: a plain HTTP user of a live server, forms."""

from __future__ import annotations

import http.client
import json
import os
import re
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlencode, urlsplit

from django.conf import settings
from django.test import Client

from screening.models import Screening
from tests.worker import QUEUES, ROOT, WorkerProcess, test_database_url
from tools.bench import load
from tools.bench.pages import FormReader

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


class DrillWorker(WorkerProcess):
    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(timeout=5)


def start_worker(broker_url: str, directory: Path) -> DrillWorker:
    """A real Celery worker (both queues) on the test database and `broker_url`."""
    mail_dir = directory / "mail"
    mail_dir.mkdir(exist_ok=True)
    log = directory / "worker.log"
    env = {
        **os.environ,
        "DATABASE_URL": test_database_url(),
        "CELERY_BROKER_URL": broker_url,
        "EMAIL_URL": f"filemail:///{mail_dir}",
        "MEDIA_ROOT": str(settings.MEDIA_ROOT),
        "CONN_MAX_AGE": "0",
    }
    command = [sys.executable, "-m", "celery", "-A", "config", "worker"]
    command += ["-Q", ",".join(QUEUES), "--pool", "solo", "--loglevel", "INFO"]
    command += ["--without-gossip", "--without-mingle", "--without-heartbeat"]
    command += ["-n", f"drill-{os.getpid()}@%h"]
    with open(log, "w", encoding="utf-8") as output:
        process = subprocess.Popen(
            command, cwd=ROOT, env=env, stdout=output, stderr=subprocess.STDOUT
        )
    worker = DrillWorker(process, log, mail_dir)
    worker.wait_for(lambda: " ready." in worker.log_text(), 60, "worker start")
    return worker
