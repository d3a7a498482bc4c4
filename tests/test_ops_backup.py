"""Backups: a backup restored into an empty database has every table's rows and content.

Runs ``manage.py`` in subprocesses on databases of their own (a SQLite file, or a
PostgreSQL database created for the test when the suite runs on PostgreSQL), because
the suite's database lives inside one rolled-back transaction per test.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest
from django.conf import settings

ROOT = Path(__file__).resolve().parent.parent

FILL = r"""
from decimal import Decimal
from ideas.actions import submit_idea
from portfolio.models import Activity
data = dict(
    title='<script>alert(1)</script> Ääkköset & "quotes"', description="Rivi 1\nRivi 2 – åäö",
    offer="O", hopes="H", organisation_name="Org", organisation_kind="city",
    organisation_country="FI", organisation_website="", contact_name="N",
    contact_email="n@example.org", contact_phone="", language="sv",
)
for n in range(3):
    submit_idea(data={**data, "title": data["title"] + str(n)}, token=f"backup-{n}")
"""
FINGERPRINTS = "import json; from ops.backup import fingerprints; print(json.dumps(fingerprints()))"


def _server() -> dict[str, Any]:
    db = settings.DATABASES["default"]
    return {"host": db["HOST"] or "127.0.0.1", "port": db["PORT"] or 5432, "user": db["USER"]}


@pytest.fixture
def new_database(tmp_path: Path) -> Iterator[Callable[[], str]]:
    """Makes empty databases of the suite's kind; PostgreSQL ones are dropped afterwards."""
    made: list[str] = []
    postgres = settings.DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql"

    def make() -> str:
        name = f"ie_ops_backup_{uuid.uuid4().hex[:10]}"
        if not postgres:
            return f"sqlite:///{tmp_path / name}.sqlite3"
        import psycopg

        password = settings.DATABASES["default"]["PASSWORD"]
        with psycopg.connect(
            **_server(), password=password, dbname="postgres", autocommit=True
        ) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
        made.append(name)
        server = _server()
        auth = f"{quote(server['user'])}:{quote(password or '')}"
        return f"postgres://{auth}@{server['host']}:{server['port']}/{name}"

    yield make
    if made:
        import psycopg

        password = settings.DATABASES["default"]["PASSWORD"]
        with psycopg.connect(
            **_server(), password=password, dbname="postgres", autocommit=True
        ) as conn:
            for name in made:
                conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def manage(url: str, tmp_path: Path, *args: str, check: bool = True) -> str:
    env = {
        **os.environ,
        "DEBUG": "true",
        "DATABASE_URL": url,
        "VAR_DIR": str(tmp_path),
        "IDEAS_ATTACHMENT_DIR": str(tmp_path / "attachments"),
    }
    done = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    if check:
        assert done.returncode == 0, done.stderr[-3000:]
    return done.stdout + done.stderr


def fingerprints(url: str, tmp_path: Path) -> dict[str, list[Any]]:
    out = manage(url, tmp_path, "shell", "-c", FINGERPRINTS)
    return dict(json.loads(out.strip().splitlines()[-1]))


@pytest.fixture
def source(new_database: Callable[[], str], tmp_path: Path) -> tuple[str, dict[str, Any]]:
    url = new_database()
    manage(url, tmp_path, "migrate", "--no-input", "-v0")
    manage(url, tmp_path, "load_espoo")
    manage(url, tmp_path, "shell", "-c", FILL)
    return url, fingerprints(url, tmp_path)


def formats() -> list[str]:
    native = "pg" if "postgresql" in settings.DATABASES["default"]["ENGINE"] else "sqlite"
    if native == "pg" and not shutil.which("pg_dump"):
        return ["jsonl"]
    return [native, "jsonl"]


def test_a_restored_backup_matches_every_table(
    source: tuple[str, dict[str, Any]], new_database: Callable[[], str], tmp_path: Path
) -> None:
    url, before = source
    assert before["ideas_idea"][0] == 3 and before["strategy_goal"][0] > 0
    assert sum(count for count, _digest in before.values()) > 500
    for fmt in formats():
        path = tmp_path / f"backup-{fmt}.{'jsonl.gz' if fmt == 'jsonl' else 'bak'}"
        out = manage(url, tmp_path, "backup", str(path), "--format", fmt)
        assert "Backed up" in out and path.is_file()
        target = new_database()
        out = manage(target, tmp_path, "restore", str(path))
        assert f"({fmt})" in out
        after = fingerprints(target, tmp_path)
        assert set(after) == set(before), fmt
        differing = [table for table in before if before[table] != after[table]]
        assert differing == [], (fmt, differing)


def test_restore_refuses_a_database_with_data_and_a_foreign_file(
    source: tuple[str, dict[str, Any]], tmp_path: Path
) -> None:
    url, before = source
    path = tmp_path / "backup.jsonl"
    manage(url, tmp_path, "backup", str(path), "--format", "jsonl")
    out = manage(url, tmp_path, "restore", str(path), check=False)
    assert "The database is not empty" in out
    junk = tmp_path / "junk.bin"
    junk.write_bytes(b"not a backup at all")
    assert "is not a backup this command made" in manage(
        url, tmp_path, "restore", str(junk), check=False
    )
    assert fingerprints(url, tmp_path) == before  # refused: nothing changed
