"""Faults the service must survive: the database going away in the middle of a
submission, the mail server being down, an import killed half-way."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
from collections.abc import Callable, Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from django.db import OperationalError, connection
from django.test import Client, RequestFactory
from django.utils import timezone

from ideas import outbox
from ideas.models import Idea, OutboxMessage, StatusChange
from ops.views import server_error
from tests.drills import SmtpSink, wait_for_write, write_cordis
from tests.ideas_support import form_data, pdf

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parent.parent
State = OutboxMessage.State


@pytest.fixture(autouse=True)
def attachment_dir(settings: Any, tmp_path: Path) -> Path:
    settings.IDEAS_ATTACHMENT_DIR = tmp_path / "attachments"
    return tmp_path / "attachments"


def failing_on(table: str) -> Callable[..., Any]:
    """A database that goes away when the submission reaches ``table``."""

    def wrapper(
        execute: Callable[..., Any], sql: str, params: Any, many: bool, context: Any
    ) -> Any:
        if sql.lstrip().upper().startswith("INSERT") and f'"{table}"' in sql:
            raise OperationalError("server closed the connection unexpectedly")
        return execute(sql, params, many, context)

    return wrapper


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_database_lost_mid_submission_gives_a_translated_try_again_page_and_no_half_idea(
    client: Client, attachment_dir: Path, language: str
) -> None:
    data = form_data(language=language)
    before = (Idea.objects.count(), StatusChange.objects.count(), OutboxMessage.objects.count())
    with connection.execute_wrapper(failing_on("ideas_outboxmessage")):  # the last write
        response = client.post(f"/{language}/ideas/", {**data, "attachments": [pdf()]})
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert "no-store" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]
    page = response.content.decode()
    expected = {
        "fi": "Yritä hetken kuluttua uudelleen",
        "sv": "Försök igen om en stund",
        "en": "Please try again in a moment",
    }[language]
    assert expected in page and f'lang="{language}"' in page
    after = (Idea.objects.count(), StatusChange.objects.count(), OutboxMessage.objects.count())
    assert after == before  # nothing half-written
    assert not any(attachment_dir.glob("**/*.*"))  # the stored file was removed again
    again = client.post(f"/{language}/ideas/", {**data, "attachments": [pdf()]})
    assert again.status_code == 302 and "/ideas/submitted/" in again["Location"]
    assert Idea.objects.count() == before[0] + 1
    assert OutboxMessage.objects.count() == before[2] + 2


def test_a_lost_database_outside_a_view_also_gets_the_try_again_page() -> None:
    request = RequestFactory().get("/fi/ideas/")
    try:
        raise OperationalError("database is locked")
    except OperationalError:
        response = server_error(request)
    assert response.status_code == 503 and response["Retry-After"]
    try:
        raise ValueError("a bug")
    except ValueError:
        assert server_error(request).status_code == 500


@pytest.fixture
def smtp(settings: Any) -> Iterator[SmtpSink]:
    sink = SmtpSink().start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", sink.port
    settings.EMAIL_TIMEOUT = 5
    settings.OUTBOX_BACKOFF_SECONDS = 60
    yield sink
    sink.stop()


def test_mail_waits_while_smtp_is_down_and_is_delivered_once_when_it_returns(
    client: Client, smtp: SmtpSink
) -> None:
    smtp.stop()  # the mail server goes down
    assert client.post("/en/ideas/", form_data()).status_code == 302  # the visitor is not hurt
    result = outbox.deliver_due()
    assert (result.sent, result.failed) == (0, 2)
    waiting = list(OutboxMessage.objects.all())
    assert all(m.status == State.PENDING and m.attempts == 1 for m in waiting)
    assert all(m.next_attempt_at > timezone.now() + timedelta(seconds=50) for m in waiting)
    assert all("Error" in m.last_error or "refused" in m.last_error for m in waiting)
    assert outbox.deliver_due().sent == 0  # not due yet: backoff
    OutboxMessage.objects.update(next_attempt_at=timezone.now() - timedelta(seconds=1))
    assert outbox.deliver_due().failed == 2  # still down: the second backoff is longer
    second = OutboxMessage.objects.first()
    assert second is not None and second.attempts == 2
    assert second.next_attempt_at > timezone.now() + timedelta(seconds=110)

    smtp.start()  # back, on the same port
    OutboxMessage.objects.update(next_attempt_at=timezone.now() - timedelta(seconds=1))
    assert outbox.deliver_due().sent == 2
    assert outbox.deliver_due().sent == 0
    assert len(smtp.messages) == 2  # exactly once each
    assert sorted(m.status for m in OutboxMessage.objects.all()) == [State.SENT, State.SENT]
    idea = Idea.objects.get()
    assert sum(idea.reference.encode() in m for m in smtp.messages) == 2


def _env(tmp_path: Path) -> dict[str, str]:
    return {
        **os.environ,
        "DEBUG": "true",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'import.sqlite3'}",
        "VAR_DIR": str(tmp_path),
    }


def _manage(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=_env(tmp_path),
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def test_an_import_killed_half_way_completes_without_duplicates_when_run_again(
    tmp_path: Path,
) -> None:
    """On its own SQLite file: a killed process must really lose its connection."""
    assert _manage(tmp_path, "migrate", "--no-input", "-v0").returncode == 0
    database = tmp_path / "import.sqlite3"
    export = tmp_path / "cordis.zip"
    espoo = write_cordis(export, 1200)
    proc = subprocess.Popen(
        [sys.executable, "manage.py", "import_cordis", "--no-progress", str(export)],
        cwd=ROOT,
        env=_env(tmp_path),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    assert wait_for_write(proc, sqlite_path=database)  # the import is writing: kill it now
    proc.send_signal(signal.SIGKILL)
    assert proc.wait(timeout=30) == -signal.SIGKILL
    again = _manage(tmp_path, "import_cordis", "--no-progress", str(export))
    assert again.returncode == 0, again.stderr[-2000:]
    with sqlite3.connect(database) as conn:
        projects = conn.execute(
            "SELECT count(*), count(DISTINCT source_id) FROM eudata_euproject"
        ).fetchone()
        activities = conn.execute(
            "SELECT count(*), count(DISTINCT slug) FROM portfolio_activity"
        ).fetchone()
        statuses = [
            row[0] for row in conn.execute("SELECT status FROM eudata_importrun ORDER BY id")
        ]
    assert projects == (espoo, espoo)
    assert activities == (espoo, espoo)
    assert statuses[-1] == "succeeded"
