"""What the three import commands share: paths in, a run with a printed report out."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import translation

from audit.context import Actor, acting_as
from eudata.importer import run_import
from eudata.models import ImportRun
from eudata.report import outcome_label, reason, what_label


class ImportCommand(BaseCommand):
    kind = ""
    help_files = "files"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("paths", nargs="+", type=Path, help=self.help_files)
        parser.add_argument(
            "--no-progress", action="store_true", help="Do not show the progress bars."
        )
        parser.add_argument(
            "--align",
            action="store_true",
            help="Ask the alignment engine for suggestions on the activities created or "
            "changed (slow on large imports; `manage.py realign` does it for everything).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        paths: list[Path] = options["paths"]
        for path in paths:
            if not path.is_file():
                raise CommandError(f"{path} is not a file.")
        with acting_as(Actor(label=f"command:import_{self.kind}")):
            run = run_import(
                self.kind, paths, progress=not options["no_progress"], align=options["align"]
            )
        with translation.override("en"):  # operators' output, like Django's own commands
            self.print_report(run, int(options["verbosity"]))
            if run.status == ImportRun.Status.FAILED:
                error = run.error
                raise CommandError(reason(error.get("code", ""), error.get("params", {})))

    def print_report(self, run: ImportRun, verbosity: int) -> None:
        for what, counts in run.counts.items():
            figures = ", ".join(f"{n} {outcome_label(o)}" for o, n in sorted(counts.items()))
            self.stdout.write(f"{what_label(what)}: {figures}")
        if run.rejected_total and verbosity >= 1:
            shown = run.rejections[: 50 if verbosity == 1 else None]
            for rejection in shown:
                where = f"{rejection['file']}:{rejection['line']}"
                self.stdout.write(
                    f"  rejected {where}: {reason(rejection['code'], rejection['params'])}"
                )
            if run.rejected_total > len(shown):
                self.stdout.write(f"  … {run.rejected_total - len(shown)} more rejected rows")
        if run.status == ImportRun.Status.SUCCEEDED:
            self.stdout.write(self.style.SUCCESS(f"Import {run.pk} done."))
