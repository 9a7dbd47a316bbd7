"""Operations: JSON logs with a request id, failed tasks reported, Sentry."""

from __future__ import annotations

import json
import logging
import sys

import pytest
from celery import shared_task
from django.core import mail

from config import logs
from tests.config.test_settings import PRODUCTION, run_python


@shared_task(name="tests.config.fail_for")
def fail_for(agreement_id: int, note: str = "") -> None:
    raise ValueError(f"agreement {agreement_id} is broken")


def json_line(record: logging.LogRecord) -> dict:
    logs.ContextFilter().filter(record)
    return json.loads(logs.JsonFormatter().format(record))


@pytest.mark.django_db
def test_a_request_id_from_the_proxy_is_kept_logged_and_returned(client, caplog):
    caplog.set_level(logging.INFO, logger="samarbeidssjekk.request")
    response = client.get("/accounts/login/", HTTP_X_REQUEST_ID="proxy-4f2a.17")
    assert response["X-Request-ID"] == "proxy-4f2a.17"
    (line,) = [r for r in caplog.records if r.name == "samarbeidssjekk.request"]
    entry = json_line(line)
    assert entry["request_id"] == "proxy-4f2a.17"
    assert entry["status"] == 200
    assert entry["path"] == "/accounts/login/"
    assert entry["level"] == "INFO"


@pytest.mark.django_db
def test_container_probes_stay_out_of_the_info_log(client, caplog, settings):
    settings.CELERY_BROKER_URL = ""
    caplog.set_level(logging.INFO, logger="samarbeidssjekk.request")
    assert client.get("/healthz")["X-Request-ID"]
    assert [r for r in caplog.records if r.name == "samarbeidssjekk.request"] == []


@pytest.mark.django_db
def test_a_missing_or_forged_request_id_is_replaced(client):
    made = client.get("/accounts/login/")["X-Request-ID"]
    assert len(made) == 32
    forged = client.get("/accounts/login/", HTTP_X_REQUEST_ID="a\r\nSet-Cookie: x=1")
    assert forged["X-Request-ID"] != made
    assert "Set-Cookie" not in forged["X-Request-ID"]


def test_json_lines_carry_extra_fields_and_the_traceback():
    try:
        raise KeyError("gone")
    except KeyError:
        record = logging.getLogger("x").makeRecord(
            "x", logging.ERROR, __file__, 1, "Lost %s", ("it",), sys.exc_info()
        )
    record.report_id = 17
    entry = json_line(record)
    assert entry["message"] == "Lost it"
    assert entry["report_id"] == 17
    assert entry["time"].endswith("Z")
    assert "KeyError: 'gone'" in entry["exception"]
    assert "request_id" not in entry  # outside a request nothing is invented


def test_a_failed_task_is_logged_with_its_id_and_argument_ids(caplog, settings):
    settings.ADMINS = [("Drift", "drift@example.no")]
    # As in the worker: the failure is recorded, not raised into the caller.
    result = fail_for.apply(args=[42], kwargs={"note": "x" * 500}, throw=False)
    assert isinstance(result.result, ValueError)
    (record,) = [r for r in caplog.records if r.name == "samarbeidssjekk.tasks"]
    entry = json_line(record)
    assert entry["level"] == "ERROR"
    assert entry["task_name"] == "tests.config.fail_for"
    assert entry["task_id"]
    assert entry["task_args"] == [42]
    assert entry["task_kwargs"] == {"note": "str"}  # long text is not copied
    assert "ValueError" in entry["exception"]
    assert [m.to for m in mail.outbox] == [["drift@example.no"]]
    assert "tests.config.fail_for" in mail.outbox[0].subject


SHOW_OPS = (
    "import json, django; from django.conf import settings; django.setup();"
    "import sentry_sdk;"
    "c = sentry_sdk.get_client();"
    "print(json.dumps({'admins': settings.ADMINS, 'server': settings.SERVER_EMAIL,"
    " 'formatter': settings.LOGGING['handlers']['console']['formatter'],"
    " 'sentry': c.is_active(), 'pii': c.options.get('send_default_pii'),"
    " 'integrations': sorted(getattr(c, 'integrations', {}))}))"
)


def test_production_logs_json_and_sends_nothing_to_sentry_by_default():
    result = run_python(SHOW_OPS, PRODUCTION)
    assert result.returncode == 0, result.stderr
    shown = json.loads(result.stdout)
    assert shown["formatter"] == "json"
    assert shown["sentry"] is False
    assert shown["admins"] == []


def test_admins_server_email_and_sentry_come_from_the_environment():
    result = run_python(
        SHOW_OPS,
        {
            **PRODUCTION,
            "ADMINS": "Drift <drift@uni.example>, it@uni.example",
            "SERVER_EMAIL": "feil@uni.example",
            "SENTRY_DSN": "https://key@sentry.uni.example/3",
        },
    )
    assert result.returncode == 0, result.stderr
    shown = json.loads(result.stdout)
    assert shown["admins"] == [
        ["Drift", "drift@uni.example"],
        ["it@uni.example", "it@uni.example"],
    ]
    assert shown["server"] == "feil@uni.example"
    assert shown["sentry"] is True
    assert shown["pii"] is False
    assert {"django", "celery"} <= set(shown["integrations"])


def test_the_demo_logs_plain_text():
    result = run_python(SHOW_OPS, {"DEBUG": "1"})
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["formatter"] == "text"
