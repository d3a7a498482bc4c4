"""Backups of the whole database, and putting one back.

Three formats, chosen by ``--format`` (``auto`` picks the native one of the database):

* ``sqlite``: SQLite's online backup API, a consistent copy while the site keeps running;
  the file is an ordinary SQLite database.
* ``pg``: ``pg_dump --format=custom`` and ``pg_restore`` (they must be on PATH and not be
  older than the server).
* ``jsonl``: portable JSON lines of every table read through Django's connection, in
  foreign-key order (the fallback when pg_dump is missing); restored into a database
  migrated to the same migrations. ``.gz`` names are compressed.

``fingerprints()`` gives every table's row count and a SHA-256 of its content, so a
restore can be checked table by table (tests/test_ops_backup.py).
"""

from __future__ import annotations

import base64
import datetime as dt
import gzip
import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import uuid
from collections.abc import Callable, Iterator
from contextlib import closing, contextmanager
from decimal import Decimal
from pathlib import Path
from typing import IO, Any

from django.apps import apps
from django.core.management.color import no_style
from django.db import connection, transaction
from django.db.migrations.recorder import MigrationRecorder

MAGIC = "international-espoo-backup"
FORMATS = ("auto", "sqlite", "pg", "jsonl")
BATCH = 1000


class BackupError(Exception):
    """A backup or restore that cannot be done; the message says why and what to do."""


def vendor() -> str:
    return str(connection.vendor)


def native_format() -> str:
    if vendor() == "sqlite":
        return "sqlite"
    return "pg" if shutil.which("pg_dump") and shutil.which("pg_restore") else "jsonl"


def detect_format(path: Path) -> str:
    with path.open("rb") as handle:
        head = handle.read(16)
    if head.startswith(b"SQLite format 3\x00"):
        return "sqlite"
    if head.startswith(b"PGDMP"):
        return "pg"
    if head.startswith(b"\x1f\x8b") or head.startswith(b"{"):
        return "jsonl"
    raise BackupError(f"{path} is not a backup this command made.")


# -- table content --------------------------------------------------------------------


def tables() -> list[str]:
    """Every table, parents before the tables that refer to them."""
    with connection.cursor() as cursor:
        names = sorted(connection.introspection.table_names(cursor))
        refers = {
            name: {
                target
                for _column, (_field, target) in connection.introspection.get_relations(
                    cursor, name
                ).items()
                if target != name and target in names
            }
            for name in names
        }
    ordered: list[str] = []
    done: set[str] = set()

    def visit(name: str, path: tuple[str, ...]) -> None:
        if name in done or name in path:  # (a cycle: constraints are deferred anyway)
            return
        for parent in sorted(refers[name]):
            visit(parent, (*path, name))
        done.add(name)
        ordered.append(name)

    for name in names:
        visit(name, ())
    return ordered


def _columns_and_order(cursor: Any, table: str) -> tuple[list[str], str]:
    description = connection.introspection.get_table_description(cursor, table)
    columns = [column.name for column in description]
    primary = connection.introspection.get_primary_key_column(cursor, table)
    order = [primary] if primary else columns
    return columns, ", ".join(connection.ops.quote_name(c) for c in order)


def rows(table: str) -> Iterator[tuple[list[str], Iterator[tuple[Any, ...]]]]:
    with connection.cursor() as cursor:
        columns, order = _columns_and_order(cursor, table)
        quoted = ", ".join(connection.ops.quote_name(c) for c in columns)
        cursor.execute(f"SELECT {quoted} FROM {connection.ops.quote_name(table)} ORDER BY {order}")  # noqa: S608

        def fetch() -> Iterator[tuple[Any, ...]]:
            while batch := cursor.fetchmany(BATCH):
                yield from batch

        yield columns, fetch()


def encode(value: Any) -> Any:
    if value is None or isinstance(value, bool | int | str):
        return value
    if isinstance(value, float):
        return {"$": "float", "v": repr(value)}
    if isinstance(value, dt.datetime):
        return {"$": "datetime", "v": value.isoformat()}
    if isinstance(value, dt.date):
        return {"$": "date", "v": value.isoformat()}
    if isinstance(value, dt.time):
        return {"$": "time", "v": value.isoformat()}
    if isinstance(value, dt.timedelta):
        return {"$": "timedelta", "v": value // dt.timedelta(microseconds=1)}
    if isinstance(value, Decimal):
        return {"$": "decimal", "v": str(value)}
    if isinstance(value, bytes | bytearray | memoryview):
        return {"$": "bytes", "v": base64.b64encode(bytes(value)).decode()}
    if isinstance(value, uuid.UUID):
        return {"$": "uuid", "v": str(value)}
    if isinstance(value, dict | list):
        return {"$": "json", "v": value}
    raise BackupError(f"cannot store a value of type {type(value).__name__}")


def decode(value: Any) -> Any:
    if not isinstance(value, dict):
        return value
    kind, raw = value["$"], value["v"]
    readers: dict[str, Callable[[Any], Any]] = {
        "float": float,
        "datetime": dt.datetime.fromisoformat,
        "date": dt.date.fromisoformat,
        "time": dt.time.fromisoformat,
        "timedelta": lambda v: dt.timedelta(microseconds=v),
        "decimal": Decimal,
        "bytes": base64.b64decode,
        "uuid": uuid.UUID,
        "json": json.dumps,
    }
    return readers[kind](raw)


def fingerprints() -> dict[str, tuple[int, str]]:
    """``{table: (rows, sha256 of its content)}`` for every table."""
    result = {}
    for table in tables():
        digest, count = hashlib.sha256(), 0
        for columns, found in rows(table):
            digest.update(json.dumps(columns).encode())
            for row in found:
                count += 1
                digest.update(json.dumps([encode(v) for v in row], sort_keys=True).encode())
        result[table] = (count, digest.hexdigest())
    return result


def applied_migrations() -> list[list[str]]:
    recorder = MigrationRecorder(connection)
    return sorted([app, name] for app, name in recorder.applied_migrations())


# -- backup ---------------------------------------------------------------------------


@contextmanager
def _atomic_file(path: Path) -> Iterator[Path]:
    """Write next to ``path`` and move into place only when complete."""
    partial = path.with_name(path.name + ".partial")
    partial.unlink(missing_ok=True)
    try:
        yield partial
        os.replace(partial, path)
    finally:
        partial.unlink(missing_ok=True)


def backup(path: Path, fmt: str = "auto") -> str:
    fmt = native_format() if fmt == "auto" else fmt
    path.parent.mkdir(parents=True, exist_ok=True)
    with _atomic_file(path) as partial:
        if fmt == "sqlite":
            _backup_sqlite(partial)
        elif fmt == "pg":
            _run_pg("pg_dump", "--format=custom", "--no-owner", "--no-privileges", "-f", partial)
        elif fmt == "jsonl":
            _backup_jsonl(partial)
        else:
            raise BackupError(f"unknown format {fmt!r}")
    return fmt


def _backup_sqlite(target: Path) -> None:
    if vendor() != "sqlite":
        raise BackupError("--format sqlite needs a SQLite database.")
    connection.ensure_connection()
    with closing(sqlite3.connect(target)) as copy:
        connection.connection.backup(copy)  # an online, consistent copy
        copy.execute("PRAGMA journal_mode=DELETE")  # one self-contained file


def _open_text(path: Path, mode: str) -> IO[str]:
    if path.name.endswith((".gz", ".gz.partial")):
        return gzip.open(path, mode + "t", encoding="utf-8")  # type: ignore[return-value]
    return path.open(mode, encoding="utf-8")


def _backup_jsonl(target: Path) -> None:
    with transaction.atomic(), _open_text(target, "w") as out:
        if vendor() == "postgresql":
            with connection.cursor() as cursor:  # one snapshot for every table
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY")
        header = {
            "format": MAGIC,
            "version": 1,
            "vendor": vendor(),
            "created": dt.datetime.now(dt.UTC).isoformat(),
            "migrations": applied_migrations(),
        }
        out.write(json.dumps(header) + "\n")
        for table in tables():
            for columns, found in rows(table):
                out.write(json.dumps({"table": table, "columns": columns}) + "\n")
                for row in found:
                    out.write(json.dumps([encode(v) for v in row]) + "\n")


def _pg_env() -> dict[str, str]:
    settings = connection.settings_dict
    env = dict(os.environ)
    env.update(
        {
            "PGHOST": str(settings.get("HOST") or "127.0.0.1"),
            "PGPORT": str(settings.get("PORT") or 5432),
            "PGUSER": str(settings.get("USER") or ""),
            "PGDATABASE": str(settings["NAME"]),
        }
    )
    if settings.get("PASSWORD"):
        env["PGPASSWORD"] = str(settings["PASSWORD"])
    return env


def _run_pg(program: str, *args: str | Path) -> None:
    if vendor() != "postgresql":
        raise BackupError(f"--format pg needs a PostgreSQL database, not {vendor()}.")
    if not shutil.which(program):
        raise BackupError(f"{program} is not on PATH: install postgresql-client or use jsonl.")
    done = subprocess.run(  # noqa: S603
        [program, *map(str, args)], env=_pg_env(), capture_output=True, text=True, check=False
    )
    if done.returncode != 0:
        raise BackupError(f"{program} failed: {done.stderr.strip()[-2000:]}")


# -- restore --------------------------------------------------------------------------


def has_data() -> bool:
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(cursor):
            cursor.execute(f"SELECT 1 FROM {connection.ops.quote_name(table)} LIMIT 1")  # noqa: S608
            if cursor.fetchone():
                return True
    return False


def restore(path: Path, fmt: str = "auto", replace: bool = False) -> str:
    """Put the backup at ``path`` into the configured database (empty, or ``replace``)."""
    fmt = detect_format(path) if fmt == "auto" else fmt
    if not replace and has_data():
        raise BackupError(
            "The database is not empty. Restore into an empty database, or give --replace "
            "to overwrite everything in it."
        )
    if fmt == "sqlite":
        _restore_sqlite(path)
    elif fmt == "pg":
        _run_pg(
            "pg_restore", "--clean", "--if-exists", "--no-owner", "--no-privileges",
            "--single-transaction", "-d", str(connection.settings_dict["NAME"]), path,
        )  # fmt: skip
    elif fmt == "jsonl":
        _restore_jsonl(path)
    else:
        raise BackupError(f"unknown format {fmt!r}")
    connection.close()
    return fmt


def _restore_sqlite(source: Path) -> None:
    if vendor() != "sqlite":
        raise BackupError("A SQLite backup restores into a SQLite database only.")
    with closing(sqlite3.connect(f"file:{source}?mode=ro", uri=True)) as backup_db:
        if backup_db.execute("PRAGMA integrity_check").fetchone() != ("ok",):
            raise BackupError(f"{source} fails SQLite's integrity check.")
        connection.ensure_connection()
        backup_db.backup(connection.connection)


def _read_jsonl(path: Path) -> Iterator[Any]:
    with _open_text(path, "r") as handle:
        for line in handle:
            yield json.loads(line)


def _restore_jsonl(path: Path) -> None:
    from django.core.management import call_command

    lines = _read_jsonl(path)
    header = next(lines, None)
    if not isinstance(header, dict) or header.get("format") != MAGIC:
        raise BackupError(f"{path} is not a backup this command made.")
    call_command("migrate", verbosity=0, interactive=False)
    here = {tuple(m) for m in applied_migrations()}
    there = {tuple(m) for m in header["migrations"]}
    if here != there:
        differ = ", ".join(sorted(".".join(m) for m in here ^ there)[:10])
        raise BackupError(
            "The backup was made with other migrations than this version has "
            f"({differ}). Restore it with the version of the code that made it, then "
            "upgrade with migrate."
        )
    with transaction.atomic(), connection.cursor() as cursor:
        for table in reversed(tables()):
            cursor.execute(f"DELETE FROM {connection.ops.quote_name(table)}")  # noqa: S608
        sql, batch = "", []  # type: tuple[str, list[list[Any]]]
        for item in lines:
            if isinstance(item, dict):
                if batch:
                    cursor.executemany(sql, batch)
                    batch = []
                table, columns = item["table"], item["columns"]
                names = ", ".join(connection.ops.quote_name(c) for c in columns)
                marks = ", ".join(["%s"] * len(columns))
                sql = f"INSERT INTO {connection.ops.quote_name(table)} ({names}) VALUES ({marks})"  # noqa: S608
                continue
            batch.append([decode(v) for v in item])
            if len(batch) >= BATCH:
                cursor.executemany(sql, batch)
                batch = []
        if batch:
            cursor.executemany(sql, batch)
        present = set(tables())
        models = [
            model
            for model in apps.get_models(include_auto_created=True)
            if model._meta.db_table in present
        ]
        for statement in connection.ops.sequence_reset_sql(no_style(), models):
            cursor.execute(statement)
