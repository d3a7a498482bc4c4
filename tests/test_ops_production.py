"""The production profile: check --deploy, security headers, request ids and JSON logs,
health probes and the metrics endpoint."""

from __future__ import annotations

import io
import json
import logging
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.db import OperationalError
from django.test import Client

from eudata.models import ImportRun
from ideas.models import OutboxMessage
from ops import metrics
from ops.logging import JsonFormatter, RequestIdFilter
from tests.personas import login

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parent.parent


def documented_production_env() -> dict[str, str]:
    """The example production environment in docs/operations.md, as the test uses it."""
    text = (ROOT / "docs" / "operations.md").read_text()
    block = text.split("<!-- production-env -->", 1)[1].split("```", 2)[1]
    env = {}
    for line in block.splitlines():
        line = line.strip()
        if line and not line.startswith(("#", "sh")) and "=" in line:
            key, value = line.split("=", 1)
            env[key] = value
    return env


def run_python(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "PYTEST"))}
    return subprocess.run(
        [sys.executable, *args],
        cwd=ROOT,
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def production(tmp_path: Path, **extra: str) -> dict[str, str]:
    env = documented_production_env()
    env.update(
        {
            "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
            "SECRET_KEY": "a-test-only-secret-key-that-is-long-and-random-enough-0123456789",
            "IDEAS_ATTACHMENT_DIR": str(tmp_path / "attachments"),
        }
    )
    env.update(extra)
    return env


def test_check_deploy_is_clean_with_the_documented_production_settings(tmp_path: Path) -> None:
    env = production(tmp_path)
    assert env["DEBUG"] == "false" and "SECRET_KEY" in env
    done = run_python(env, "manage.py", "check", "--deploy", "--fail-level", "WARNING")
    assert done.returncode == 0, done.stdout + done.stderr
    assert "System check identified no issues" in done.stdout


def test_check_deploy_complains_about_an_insecure_setting(tmp_path: Path) -> None:
    env = production(tmp_path, SECURE_COOKIES="false", SECURE_HSTS_SECONDS="0")
    done = run_python(env, "manage.py", "check", "--deploy", "--fail-level", "WARNING")
    assert done.returncode != 0
    assert "security.W004" in done.stderr and "security.W012" in done.stderr


def test_cache_url_chooses_redis_and_refuses_nonsense(tmp_path: Path) -> None:
    code = "import django; django.setup(); from django.conf import settings; print(settings.CACHES)"
    env = {"DJANGO_SETTINGS_MODULE": "config.settings", "DEBUG": "true"}
    done = run_python({**env, "CACHE_URL": "redis://cache.internal:6379/1"}, "-c", code)
    assert "RedisCache" in done.stdout and "cache.internal" in done.stdout, done.stderr
    done = run_python({**env, "CACHE_URL": "memcached://x"}, "-c", code)
    assert done.returncode != 0 and "CACHE_URL must be" in done.stderr


def test_gunicorn_config_loads() -> None:
    done = run_python(
        {"GUNICORN_WORKERS": "3"},
        "-c",
        "import runpy; c = runpy.run_path('config/gunicorn.conf.py'); "
        "print(c['workers'], c['bind'])",
    )
    assert done.stdout.split() == ["3", "127.0.0.1:8000"], done.stderr


def test_pages_carry_the_security_headers(client: Client) -> None:
    response = client.get("/en/")
    csp = response["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp and "unsafe-eval" not in csp
    assert "frame-ancestors 'none'" in csp and "object-src 'none'" in csp
    assert response["X-Frame-Options"] == "DENY"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "camera=()" in response["Permissions-Policy"]
    assert "Strict-Transport-Security" not in response  # plain HTTP: never


def test_https_responses_carry_hsts(client: Client, settings: Any) -> None:
    settings.SECURE_HSTS_SECONDS = 31536000
    response = client.get("/en/", secure=True)
    assert response["Strict-Transport-Security"].startswith("max-age=31536000")


def test_templates_have_no_inline_script_style_or_handlers() -> None:
    """The CSP forbids them: they would silently stop working in production."""
    offences = []
    # insights/report.html inlines its CSS only for the PDF and the offline HTML download
    # (``css_inline``), which are never served as pages under the policy.
    exempt = "{% if css_inline %}"
    pattern = re.compile(
        r"<script(?![^>]*\bsrc=)(?![^>]*application/(ld\+)?json)|<style|\sstyle=|\son[a-z]+=", re.I
    )
    for path in ROOT.glob("*/templates/**/*.html"):
        if ".venv" in path.parts or "node_modules" in path.parts:
            continue
        for number, line in enumerate(path.read_text().splitlines(), 1):
            if pattern.search(line) and exempt not in line:
                offences.append(f"{path.relative_to(ROOT)}:{number}: {line.strip()[:80]}")
    for path in (ROOT / "templates").glob("**/*.html"):
        for number, line in enumerate(path.read_text().splitlines(), 1):
            if pattern.search(line) and exempt not in line:
                offences.append(f"{path.relative_to(ROOT)}:{number}: {line.strip()[:80]}")
    assert offences == []


def test_request_ids_are_made_or_passed_on(client: Client) -> None:
    made = client.get("/health/live")["X-Request-ID"]
    assert re.fullmatch(r"[0-9a-f]{32}", made)
    assert client.get("/health/live", HTTP_X_REQUEST_ID="lb-1234.5")["X-Request-ID"] == "lb-1234.5"
    forged = client.get("/health/live", HTTP_X_REQUEST_ID="bad id\r\nSet-Cookie: x=1")
    assert re.fullmatch(r"[0-9a-f]{32}", forged["X-Request-ID"])


def test_logs_are_json_lines_with_the_request_id(client: Client) -> None:
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.addFilter(RequestIdFilter())
    handler.setFormatter(JsonFormatter())
    logger = logging.getLogger("django.request")
    logger.addHandler(handler)
    try:
        response = client.get("/en/no-such-page/", HTTP_X_REQUEST_ID="trace-42")
    finally:
        logger.removeHandler(handler)
    assert response.status_code == 404
    entry = json.loads(stream.getvalue().splitlines()[-1])
    assert entry["request_id"] == "trace-42"
    assert entry["level"] == "WARNING" and entry["status_code"] == 404
    assert "Not Found" in entry["message"] and entry["time"].endswith("+00:00")


def test_liveness_and_readiness(client: Client) -> None:
    assert client.get("/health/live").json() == {"status": "ok"}
    ready = client.get("/health/ready")
    assert ready.status_code == 200
    assert ready.json()["checks"] == {"database": "ok", "outbox_backlog": 0}


def test_not_ready_when_the_outbox_backs_up(client: Client, settings: Any) -> None:
    settings.OPS_READY_OUTBOX_MAX = 1
    for n in range(2):
        OutboxMessage.objects.create(to=f"p{n}@example.org", subject="s", body="b", language="fi")
    ready = client.get("/health/ready")
    assert ready.status_code == 503
    assert ready.json()["status"] == "unavailable"
    assert "outbox: 2 mails waiting" in ready.json()["reasons"][0]


def test_not_ready_without_the_database(client: Client, monkeypatch: pytest.MonkeyPatch) -> None:
    from ops import views

    def broken() -> Any:
        raise OperationalError("connection refused")

    monkeypatch.setattr(views.connection, "cursor", broken)
    ready = client.get("/health/ready")
    assert ready.status_code == 503
    assert ready.json()["reasons"] == ["database: OperationalError"]


def test_metrics_are_for_staff_or_the_token_only(
    client: Client, settings: Any, vera: User, ulla: User
) -> None:
    settings.METRICS_TOKEN = "s3cret-metrics-token-of-enough-length"
    assert client.get("/metrics").status_code == 404
    bad = client.get("/metrics", HTTP_AUTHORIZATION="Bearer wrong")
    assert bad.status_code == 403
    good = client.get("/metrics", HTTP_AUTHORIZATION=f"Bearer {settings.METRICS_TOKEN}")
    assert good.status_code == 200 and good["Content-Type"].startswith("text/plain; version=0.0.4")
    login(client, ulla)
    assert client.get("/metrics").status_code == 403
    login(client, vera)
    assert client.get("/metrics").status_code == 200
    settings.METRICS_TOKEN = ""
    anonymous = Client()
    assert anonymous.get("/metrics", HTTP_AUTHORIZATION="Bearer ").status_code == 404
    assert anonymous.get("/metrics", HTTP_AUTHORIZATION="Bearer x").status_code == 403


def test_metrics_show_requests_latency_outbox_and_imports(client: Client, vera: User) -> None:
    metrics.reset()
    client.get("/en/")
    client.get("/en/no-such-page/")
    OutboxMessage.objects.create(to="p@example.org", subject="s", body="b", language="fi")
    ImportRun.objects.create(
        source="cordis", file_name="x.zip", actor_label="t", status="succeeded"
    )
    login(client, vera)
    text = client.get("/metrics").content.decode()
    assert 'ie_http_requests_total{method="GET",status="200"} 1' in text
    assert 'ie_http_requests_total{method="GET",status="404"} 1' in text
    assert 'ie_http_request_duration_seconds_bucket{le="+Inf"} 2' in text
    assert "ie_http_request_duration_seconds_count 2" in text
    assert 'ie_outbox_messages{state="pending"} 1' in text
    assert re.search(
        r'ie_import_last_run_timestamp_seconds\{source="cordis",status="succeeded"\} \d{10}', text
    )
    assert 'ie_import_runs_total{source="cordis",status="succeeded"} 1' in text
    for line in text.splitlines():  # well-formed exposition: comments or "name{labels} value"
        assert line.startswith("# ") or re.fullmatch(r"[a-z_]+(\{[^}]*\})? [0-9.e+-]+", line), line


def test_oversize_bodies_are_refused_before_django_reads_them(
    client: Client, settings: Any
) -> None:
    settings.OPS_MAX_REQUEST_MB = 1
    response = client.generic(
        "POST",
        "/en/ideas/",
        b"x" * 10,
        CONTENT_TYPE="text/plain",
        CONTENT_LENGTH=str(2 * 1024 * 1024),
    )
    assert response.status_code == 413
