"""Asking for the same report several times at once makes one report (issue 21).

Three simultaneous summary requests for the same unit used to create three
reports: each request looked for a pending one, found none, and inserted its
own. Here three threads, each with its own PostgreSQL connection, post at the
same moment; a barrier holds them until all three have looked, the worst case.
"""

from __future__ import annotations

import threading

import pytest
from django.db import connection
from django.test import Client

from screening import tasks
from screening.models import Report
from screening.reports import services
from tests import factories
from tests.services import need_postgres

REQUESTS = 3


def test_three_requests_at_once_for_one_unit_make_one_report(
    transactional_db, monkeypatch
):
    need_postgres()
    leader = factories.leader()
    unit = factories.UnitFactory()
    sent = []
    monkeypatch.setattr(tasks.render_report, "delay", sent.append)
    _all_look_before_any_writes(monkeypatch)

    locations = _post_at_once(leader, "/reports/summary/", {"unit": unit.pk})

    report = Report.objects.get()
    assert report.params == {"unit": unit.pk}
    assert locations == [f"/reports/{report.pk}/"] * REQUESTS
    assert sent == [report.pk]  # rendered once


def _all_look_before_any_writes(monkeypatch) -> None:
    barrier = threading.Barrier(REQUESTS, timeout=30)
    looked = threading.local()
    look = services._same_report

    def look_then_wait(**request):
        found = look(**request)
        if not getattr(looked, "once", False):
            looked.once = True
            barrier.wait()
        return found

    monkeypatch.setattr(services, "_same_report", look_then_wait)


def _post_at_once(user, path: str, data: dict) -> list[str]:
    results: dict[int, object] = {}

    def post(i: int) -> None:
        try:
            client = Client()
            client.force_login(user)
            response = client.post(path, data)
            results[i] = response.status_code, response.get("Location", "")
        except Exception as exc:  # reported below, with the others' results
            results[i] = exc
        finally:
            connection.close()  # this thread's own connection

    threads = [threading.Thread(target=post, args=(i,)) for i in range(REQUESTS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    answers = [results.get(i) for i in range(REQUESTS)]
    if not all(isinstance(a, tuple) and a[0] == 302 for a in answers):
        pytest.fail(f"not every request was answered with a redirect: {answers}")
    return [location for _status, location in answers]
