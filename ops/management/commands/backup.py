"""``manage.py backup PATH``: a consistent copy of the whole database (docs/operations.md)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from ops.backup import FORMATS, BackupError, backup, fingerprints


class Command(BaseCommand):
    help = (
        "Back up the whole database to PATH while the site runs: SQLite's online backup, "
        "pg_dump for PostgreSQL, or portable JSON lines (--format jsonl; .gz compresses)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", type=Path, help="the backup file to write")
        parser.add_argument("--format", choices=FORMATS, default="auto")

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["path"]
        try:
            fmt = backup(path, options["format"])
        except BackupError as exc:
            raise CommandError(str(exc)) from None
        tables = fingerprints()
        total = sum(count for count, _digest in tables.values())
        self.stdout.write(
            self.style.SUCCESS(
                f"Backed up {len(tables)} tables ({total} rows) to {path} ({fmt}, "
                f"{path.stat().st_size} bytes)."
            )
        )
