from __future__ import annotations

import pytest

from tests.services import need_redis


@pytest.mark.django_db
def test_healthz_reports_database_and_inline_broker(client, settings):
    settings.CELERY_BROKER_URL = ""
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"database": "ok", "broker": "inline", "status": "ok"}


@pytest.mark.django_db
def test_healthz_fails_when_the_broker_is_unreachable(client, settings):
    from config.celery import app

    settings.CELERY_BROKER_URL = "redis://127.0.0.1:1/0"
    # The raw setting (None unless set), not the property that falls back to
    # broker_url: restoring the property's value would pin the write URL.
    previous = app.conf.broker_url, app.conf.get("broker_write_url")
    app.conf.broker_url = app.conf.broker_write_url = "redis://127.0.0.1:1/0"
    try:
        response = client.get("/healthz")
    finally:
        app.conf.broker_url, app.conf.broker_write_url = previous
    assert response.status_code == 503
    assert response.json()["broker"].startswith("error")


@pytest.mark.services
@pytest.mark.django_db
def test_healthz_reaches_the_real_redis(client):
    need_redis()
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json()["broker"] == "ok"
