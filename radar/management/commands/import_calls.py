"""Import calls of other funders (Interreg, national, regional) from CSV or JSON files."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import translation

from audit.context import Actor, acting_as
from radar.fileimport import ImportFailed, import_file


class Command(BaseCommand):
    help = "Import calls from CSV or JSON files (columns: docs/radar.md)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("paths", nargs="+", type=Path, help="CSV or JSON files of calls")

    def handle(self, *args: Any, **options: Any) -> None:
        with translation.override("en"), acting_as(Actor(label="command:import_calls")):
            for path in options["paths"]:
                if not path.is_file():
                    raise CommandError(f"{path} is not a file.")
                try:
                    run = import_file(
                        path.name, path.read_bytes(), actor_label="command:import_calls"
                    )
                except ImportFailed as exc:
                    raise CommandError(f"{path}: {exc} Nothing was imported.") from None
                c = run.counts
                self.stdout.write(
                    f"{path}: {c.get('new', 0)} new, {c.get('updated', 0)} updated, "
                    f"{c.get('unchanged', 0)} unchanged, {c.get('rejected', 0)} rows with errors."
                )
                for problem in run.problems:
                    self.stdout.write(f"  {path.name}: {problem}")
