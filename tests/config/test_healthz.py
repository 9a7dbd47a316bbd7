"""/healthz: database, broker and worker heartbeat; reasons only for staff."""

from __future__ import annotations

import time

import pytest

from config import heartbeat
from tests import factories
from tests.services import need_redis


@pytest.fixture
def dead_broker(settings):
    from config.celery import app

    settings.CELERY_BROKER_URL = "redis://127.0.0.1:1/0"
    # The raw setting (None unless set), not the property that falls back to
    # broker_url: restoring the property's value would pin the write URL.
    previous = app.conf.broker_url, app.conf.get("broker_write_url")
    app.conf.broker_url = app.conf.broker_write_url = "redis://127.0.0.1:1/0"
    yield
    app.conf.broker_url, app.conf.broker_write_url = previous


@pytest.mark.django_db
def test_healthz_reports_database_and_inline_broker(client, settings):
    settings.CELERY_BROKER_URL = ""
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {
        "database": "ok",
        "broker": "inline",
        "worker": "inline",
        "status": "ok",
    }
    assert "no-cache" in response["Cache-Control"]


@pytest.mark.django_db
def test_healthz_fails_without_saying_why_to_anonymous_callers(client, dead_broker):
    response = client.get("/healthz")
    assert response.status_code == 503
    body = response.json()
    assert body["broker"] == "error"
    assert body["status"] == "error"
    assert "details" not in body
    assert "Error" not in response.content.decode()  # no exception class names


@pytest.mark.django_db
def test_staff_see_why_a_part_failed(client, dead_broker):
    client.force_login(factories.UserFactory(is_staff=True))
    body = client.get("/healthz").json()
    assert body["broker"] == "error"
    assert body["details"]["broker"]["error"].endswith(("Error", "Exception"))
    assert body["version"]


@pytest.mark.django_db
def test_a_researcher_is_not_staff_and_sees_no_details(client, dead_broker):
    client.force_login(factories.researcher())
    assert "details" not in client.get("/healthz").json()


@pytest.mark.django_db
def test_healthz_answers_the_container_probe_whatever_its_host(client, settings):
    """The compose healthcheck calls http://127.0.0.1:8000/healthz."""
    settings.ALLOWED_HOSTS = ["samarbeidssjekk.example.no"]
    settings.CELERY_BROKER_URL = ""
    probe = client.get("/healthz", HTTP_HOST="127.0.0.1:8000")
    assert probe.status_code == 200
    assert probe.json()["status"] == "ok"
    assert client.get("/accounts/login/", HTTP_HOST="127.0.0.1:8000").status_code == 400


@pytest.mark.django_db
def test_an_unknown_host_gets_no_details_even_with_a_staff_session(
    client, settings, dead_broker
):
    settings.ALLOWED_HOSTS = ["samarbeidssjekk.example.no"]
    client.force_login(factories.UserFactory(is_staff=True))
    body = client.get("/healthz", HTTP_HOST="evil.example").json()
    assert body["broker"] == "error"
    assert "details" not in body


@pytest.fixture
def redis_heartbeat():
    need_redis()
    client = heartbeat._redis()
    saved = client.get(heartbeat.KEY)
    yield client
    if saved is None:
        client.delete(heartbeat.KEY)
    else:
        client.set(heartbeat.KEY, saved)


@pytest.mark.services
@pytest.mark.django_db
def test_healthz_reaches_the_real_redis_and_reports_the_heartbeat(
    client, redis_heartbeat
):
    heartbeat.record_heartbeat.run()  # what the worker does when beat sends it
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {
        "database": "ok",
        "broker": "ok",
        "worker": "ok",
        "status": "ok",
    }


@pytest.mark.services
@pytest.mark.django_db
def test_a_stale_or_missing_heartbeat_degrades_but_keeps_web_in_rotation(
    client, redis_heartbeat, settings
):
    settings.HEARTBEAT_MAX_AGE = 300
    heartbeat.record(time.time() - 1000)
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json()["worker"] == "stale"
    assert response.json()["status"] == "degraded"
    client.force_login(factories.UserFactory(is_staff=True))
    details = client.get("/healthz").json()["details"]
    assert details["worker"]["last_heartbeat_seconds_ago"] >= 1000
    redis_heartbeat.delete(heartbeat.KEY)
    assert client.get("/healthz").json()["worker"] == "missing"


@pytest.mark.services
def test_the_beat_healthcheck_exits_non_zero_on_a_stale_heartbeat(redis_heartbeat):
    heartbeat.record()
    assert heartbeat.main(["--max-age", "300"]) == 0
    heartbeat.record(time.time() - 400)
    assert heartbeat.main(["--max-age", "300"]) == 1
    redis_heartbeat.delete(heartbeat.KEY)
    assert heartbeat.main([]) == 1


def test_beat_sends_the_heartbeat_every_minute(settings):
    entry = settings.CELERY_BEAT_SCHEDULE["worker-heartbeat"]
    assert entry["task"] == heartbeat.record_heartbeat.name
    assert entry["schedule"] <= 60
