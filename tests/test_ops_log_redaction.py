"""A proposer's status link is their key to the idea: it never reaches a log."""

from __future__ import annotations

import logging
from types import SimpleNamespace
from typing import cast

import pytest
from django.test import Client

from ops.accesslog import RedactingAccessLogger
from ops.logging import RedactFilter, redact

TOKEN = "Zq3kP9xVb2LmN8rT"


def test_redact_replaces_only_the_token() -> None:
    assert redact(f"GET /fi/ideas/status/{TOKEN}/ HTTP/1.1") == (
        "GET /fi/ideas/status/[redacted]/ HTTP/1.1"
    )
    assert redact(f"/sv/ideas/status/{TOKEN}/withdraw/?x=1") == (
        "/sv/ideas/status/[redacted]/withdraw/?x=1"
    )
    assert redact("GET /fi/ideas/new/ HTTP/1.1") == "GET /fi/ideas/new/ HTTP/1.1"
    assert redact(f"GET /en/staff/accounts/invitation/{TOKEN}/ HTTP/1.1") == (
        "GET /en/staff/accounts/invitation/[redacted]/ HTTP/1.1"
    )


def test_a_django_record_with_a_status_path_is_redacted() -> None:
    record = logging.makeLogRecord(
        {"msg": "Not Found: %s", "args": (f"/en/ideas/status/{TOKEN}/",), "levelno": 30}
    )
    assert RedactFilter().filter(record)
    assert TOKEN not in record.getMessage()
    assert record.getMessage() == "Not Found: /en/ideas/status/[redacted]/"


def test_an_unknown_status_link_leaves_no_token_in_the_logs(
    client: Client, caplog: pytest.LogCaptureFixture
) -> None:
    handler_filter = RedactFilter()
    caplog.handler.addFilter(handler_filter)
    try:
        with caplog.at_level(logging.WARNING, logger="django.request"):
            response = client.get(f"/en/ideas/status/{TOKEN}/")
    finally:
        caplog.handler.removeFilter(handler_filter)
    assert response.status_code == 404
    assert caplog.records, "Django logs a 404"
    assert all(TOKEN not in r.getMessage() for r in caplog.records)


def test_the_console_handler_of_the_settings_redacts() -> None:
    from django.conf import settings

    handlers = cast(dict[str, dict[str, list[str]]], settings.LOGGING["handlers"])
    assert "redact" in handlers["console"]["filters"]
    # Django's own debug console handler is gone: every record passes the filters above.
    assert logging.getLogger("django").handlers == []


def test_gunicorn_access_lines_are_redacted() -> None:
    logger = RedactingAccessLogger(SimpleNamespace(**_gunicorn_cfg()))
    environ = {
        "REQUEST_METHOD": "GET",
        "RAW_URI": f"/fi/ideas/status/{TOKEN}/",
        "PATH_INFO": f"/fi/ideas/status/{TOKEN}/",
        "QUERY_STRING": "",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "REMOTE_ADDR": "127.0.0.1",
        "HTTP_REFERER": f"https://example.org/fi/ideas/status/{TOKEN}/",
    }
    req = SimpleNamespace(headers=[], method="GET", path=environ["PATH_INFO"], query="")
    resp = SimpleNamespace(status="200 OK", headers=[], response_length=10, sent=10)
    atoms = logger.atoms(resp, req, environ, _Elapsed())
    for key in ("r", "U", "f"):
        assert TOKEN not in atoms[key], key
    assert atoms["r"] == "GET /fi/ideas/status/[redacted]/ HTTP/1.1"


def test_gunicorn_config_uses_the_redacting_logger() -> None:
    import runpy

    config = runpy.run_path("config/gunicorn.conf.py")
    assert config["logger_class"] == "ops.accesslog.RedactingAccessLogger"


class _Elapsed:
    seconds = 0
    microseconds = 1500

    def total_seconds(self) -> float:
        return 0.0015


def _gunicorn_cfg() -> dict[str, object]:
    from gunicorn.config import Config

    config = Config()
    return {name: setting.get() for name, setting in config.settings.items()}
