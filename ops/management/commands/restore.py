"""``manage.py restore PATH``: put a backup into the configured database."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from ops.backup import FORMATS, BackupError, fingerprints, restore


class Command(BaseCommand):
    help = (
        "Restore a backup made by `manage.py backup` into the configured database. It must "
        "be empty unless --replace is given (then everything in it is overwritten). Stop "
        "the app processes and workers first."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", type=Path, help="the backup file")
        parser.add_argument("--format", choices=FORMATS, default="auto")
        parser.add_argument(
            "--replace", action="store_true", help="overwrite a database that has data"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["path"]
        if not path.is_file():
            raise CommandError(f"{path} is not a file.")
        try:
            fmt = restore(path, options["format"], replace=options["replace"])
        except BackupError as exc:
            raise CommandError(str(exc)) from None
        tables = fingerprints()
        total = sum(count for count, _digest in tables.values())
        self.stdout.write(
            self.style.SUCCESS(f"Restored {len(tables)} tables ({total} rows) from {path} ({fmt}).")
        )
