"""The shared cache is optional: with Redis unreachable, pages render afresh."""

from __future__ import annotations

import logging
import time

import pytest
from django.core.cache import caches

from config import cache as optional_cache
from tests import factories
from tools.bench.load import free_port


@pytest.fixture
def unreachable_redis(settings):
    """CACHE_URL on a port where no Redis listens."""
    settings.CACHES = {
        "default": {
            "BACKEND": "config.cache.OptionalRedisCache",
            "LOCATION": f"redis://127.0.0.1:{free_port()}/0",
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        }
    }
    optional_cache._last_warning = 0.0
    return caches["default"]


def test_a_read_from_an_unreachable_redis_is_a_miss_and_a_write_is_skipped(
    unreachable_redis, caplog
):
    with caplog.at_level(logging.WARNING, logger="config.cache"):
        started = time.monotonic()
        unreachable_redis.set("fragment", "<p>cached</p>", 60)
        assert unreachable_redis.get("fragment") is None
        assert unreachable_redis.get("fragment", "fresh") == "fresh"
        assert unreachable_redis.get_many(["a", "b"]) == {}
        assert unreachable_redis.add("a", 1) is False
        assert unreachable_redis.get_or_set("b", lambda: "built") == "built"
        unreachable_redis.delete("fragment")
        unreachable_redis.incr("fragments:version")  # a version bump is skipped
        assert time.monotonic() - started < 5  # no hang per call
    # One warning, not one per call: the log stays readable during an outage.
    warnings = [r for r in caplog.records if r.name == "config.cache"]
    assert len(warnings) == 1
    assert "ConnectionError" in warnings[0].getMessage()


@pytest.mark.django_db
def test_pages_that_use_the_cache_render_while_redis_is_unreachable(
    unreachable_redis, client, django_capture_on_commit_callbacks
):
    factories.AgreementFactory(title="Agreement shown without a cache")
    client.force_login(factories.contact_point())
    page = client.get("/agreements/")
    assert page.status_code == 200
    assert "Agreement shown without a cache" in page.content.decode()
    # and a write, whose version bump cannot reach Redis, still succeeds
    edited = factories.AgreementFactory(title="Saved while Redis is away")
    edited.title = "Renamed while Redis is away"
    with django_capture_on_commit_callbacks(execute=True):
        edited.save()
    assert "Renamed while Redis is away" in client.get("/agreements/").content.decode()
