"""Loopback load: gunicorn with a few sync workers, and a small threaded client.

Bounded in time and in requests. Each phase sends one kind of traffic (the
overview, the dashboard) or the mixed traffic of the product's journeys:
researchers answering sections (GET, then POST with the CSRF token),
contact points filtering the register, leadership opening the dashboard.
Sessions are made in the database the server reads (force_login), so no
password hashing is measured.
"""

from __future__ import annotations

import http.client
import os
import random
import re
import socket
import statistics
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlencode

from django.conf import settings
from django.test import Client

from tools.bench.table import Figure, percentile

THROUGHPUT_TARGET = 100.0  # product.md: requests per second, overview and dashboard
CSRF_INPUT = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


@dataclass
class Tally:
    latencies: list[float] = field(default_factory=list)
    errors: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, ms: float, ok: bool) -> None:
        with self.lock:
            self.latencies.append(ms)
            self.errors += 0 if ok else 1


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_gunicorn(port: int, workers: int, **overrides: str) -> subprocess.Popen:
    """gunicorn on loopback with production settings (DEBUG off, no TLS redirect)."""
    env = {
        **os.environ,
        "DEBUG": "0",
        "SECURE_SSL_REDIRECT": "0",
        "SESSION_COOKIE_SECURE": "0",
        "CSRF_COOKIE_SECURE": "0",
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "LOG_LEVEL": "WARNING",
        "SECRET_KEY": settings.SECRET_KEY,
        **overrides,
    }
    command = [
        str(Path(sys.executable).with_name("gunicorn")),
        "config.wsgi",
        f"--workers={workers}",
        f"--bind=127.0.0.1:{port}",
        "--log-level=warning",
        "--timeout=60",
        "--preload",  # import once before forking, as a production start would
    ]
    server = subprocess.Popen(command, cwd=settings.BASE_DIR, env=env)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return server
        except OSError:
            time.sleep(0.2)
    server.terminate()
    raise RuntimeError("gunicorn did not start")


def session_cookie(user) -> str:
    client = Client()
    client.force_login(user)
    return client.cookies[settings.SESSION_COOKIE_NAME].value


class Browser:
    """One simulated user: a session cookie and plain HTTP/1.1 requests."""

    def __init__(self, port: int, cookie: str, tally: Tally) -> None:
        self.port, self.tally = port, tally
        self.cookies = {settings.SESSION_COOKIE_NAME: cookie}

    def request(self, method: str, path: str, body: dict | None = None) -> str:
        headers = {
            "Host": "127.0.0.1",
            "Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items()),
        }
        data = None
        if body is not None:
            data = urlencode(body, doseq=True)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            headers["Referer"] = f"http://127.0.0.1:{self.port}{path}"
        start = time.perf_counter()
        text, ok = "", False
        try:
            connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
            connection.request(method, path, body=data, headers=headers)
            response = connection.getresponse()
            text = response.read().decode(errors="replace")
            for header in response.headers.get_all("Set-Cookie") or []:
                name, _, rest = header.partition("=")
                self.cookies[name.strip()] = rest.split(";", 1)[0]
            ok = response.status < 400
            connection.close()
        except OSError:
            ok = False
        self.tally.add((time.perf_counter() - start) * 1000, ok)
        return text


Journey = tuple[Callable[[Browser], None], list[str]]  # action, session cookies


def run_phase(
    name: str,
    port: int,
    journeys: list[Journey],
    *,
    seconds: float,
    max_requests: int,
    threads: int,
) -> Figure:
    """Client thread i repeats journey i mod n until the time or request budget ends."""
    tally = Tally()
    deadline = time.monotonic() + seconds
    started = time.monotonic()

    def user(number: int) -> None:
        action, cookies = journeys[number % len(journeys)]
        browser = Browser(port, cookies[number % len(cookies)], tally)
        while time.monotonic() < deadline and len(tally.latencies) < max_requests:
            action(browser)

    with ThreadPoolExecutor(threads) as pool:
        list(pool.map(user, range(threads)))
    elapsed = time.monotonic() - started
    lat = tally.latencies or [0.0]
    throughput = len(tally.latencies) / elapsed
    return Figure(
        f"load: {name}",
        throughput,
        "req/s",
        reference=THROUGHPUT_TARGET,
        reference_name="target",
        higher_is_better=True,
        note=f"{len(tally.latencies)} req in {elapsed:.1f} s, {threads} clients; "
        f"latency p50 {statistics.median(lat):.0f} / p95 {percentile(lat, 0.95):.0f}"
        f" / p99 {percentile(lat, 0.99):.0f} ms; errors {tally.errors}",
    )


def measure(
    users: dict, section_path: str, *, seconds: float, workers: int, threads: int, log
) -> list[Figure]:
    port = free_port()
    server = start_gunicorn(port, workers)
    contact = [session_cookie(users["contact"])]
    leader = [session_cookie(users["leader"])]
    owner = [session_cookie(users["owner"])]
    filters = [
        "status=active",
        "kind=research&o=-end",
        "q=collaboration",
        "page=3",
        "o=partner",
    ]
    rng = random.Random(8)

    def overview(b: Browser) -> None:
        b.request("GET", f"/agreements/?{rng.choice(filters)}")

    def dashboard(b: Browser) -> None:
        b.request("GET", "/dashboard/")

    def answer(b: Browser) -> None:
        page = b.request("GET", section_path)
        token = CSRF_INPUT.search(page)
        if token:  # a save without changes: the whole form round trip
            revision = re.search(r'name="revision" value="(\d+)"', page)
            body = {"csrfmiddlewaretoken": token.group(1)}
            if revision:
                body["revision"] = revision.group(1)
            b.request("POST", section_path, body)

    limit = max(200, int(seconds * 400))
    phases = [
        ("overview (contact point, filters)", [(overview, contact)]),
        ("dashboard (leadership)", [(dashboard, leader)]),
        (
            "mixed (sections, register, dashboard)",
            [(answer, owner), (overview, contact), (dashboard, leader)],
        ),
    ]
    figures = []
    try:
        log("  warming up (untimed) ...")
        for _name, journeys in phases[:2]:
            run_phase(
                "warm-up", port, journeys, seconds=2, max_requests=40, threads=threads
            )
        for name, journeys in phases:
            log(f"  load: {name} ...")
            figures.append(
                run_phase(
                    name,
                    port,
                    journeys,
                    seconds=seconds,
                    max_requests=limit,
                    threads=threads,
                )
            )
    finally:
        server.terminate()
        server.wait(timeout=30)
    return figures
