"""Concurrent submissions: distinct references, and one idea per double-clicked form.

Runs in a separate process on its own SQLite file, because the suite's shared database
lives inside one transaction per test and cannot show real concurrent writers.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest
from django.conf import settings

ROOT = Path(__file__).resolve().parent.parent

SCRIPT = r"""
import json, threading
import django
django.setup()
from django.core.management import call_command
call_command("migrate", verbosity=0)
from django.db import connection
from ideas.actions import submit_idea
from ideas.models import Idea

DATA = dict(
    title="T", description="D", offer="O", hopes="H", organisation_name="Org",
    organisation_kind="city", organisation_country="FI", organisation_website="",
    contact_name="N", contact_email="n@example.org", contact_phone="", language="fi",
)
errors = []

def run(token):
    try:
        submit_idea(data=DATA, token=token)
    except Exception as exc:
        errors.append(repr(exc))
    finally:
        connection.close()

threads = [threading.Thread(target=run, args=(f"distinct-{n}",)) for n in range(12)]
threads += [threading.Thread(target=run, args=("double-click",)) for _ in range(6)]
for thread in threads:
    thread.start()
for thread in threads:
    thread.join()
references = list(Idea.objects.values_list("reference", flat=True))
print(json.dumps({
    "errors": errors,
    "references": references,
    "double": Idea.objects.filter(submission_token="double-click").count(),
}))
"""


@pytest.fixture
def database_url(tmp_path: Path) -> Iterator[str]:
    """A fresh database of the kind the suite runs on: a SQLite file, or a PostgreSQL
    database created for this test and dropped after it."""
    db = settings.DATABASES["default"]
    if db["ENGINE"] != "django.db.backends.postgresql":
        yield f"sqlite:///{tmp_path / 'db.sqlite3'}"
        return
    import psycopg

    name = f"ie_ideas_concurrency_{os.getpid()}"
    server: dict[str, Any] = {
        "host": db["HOST"] or "127.0.0.1",
        "port": db["PORT"] or 5432,
        "user": db["USER"],
    }
    with psycopg.connect(
        **server, password=db["PASSWORD"], dbname="postgres", autocommit=True
    ) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
        conn.execute(f'CREATE DATABASE "{name}"')
    try:
        auth = f"{quote(db['USER'])}:{quote(db['PASSWORD'] or '')}"
        yield f"postgres://{auth}@{server['host']}:{server['port']}/{name}"
    finally:
        with psycopg.connect(
            **server, password=db["PASSWORD"], dbname="postgres", autocommit=True
        ) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}"')


def test_concurrent_submissions_get_distinct_references_and_one_idea_per_form(
    tmp_path: Path, database_url: str
) -> None:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "PYTHONPATH": str(ROOT),
        "DEBUG": "true",
        "DATABASE_URL": database_url,
        "VAR_DIR": str(tmp_path),
    }
    result = subprocess.run(
        [sys.executable, "-c", SCRIPT],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    outcome = json.loads(result.stdout.strip().splitlines()[-1])
    assert outcome["errors"] == []
    assert outcome["double"] == 1
    references = outcome["references"]
    assert len(references) == 13
    assert len(set(references)) == 13
    numbers = sorted(int(reference.rsplit("-", 1)[1]) for reference in references)
    assert numbers == list(range(1, 14))
