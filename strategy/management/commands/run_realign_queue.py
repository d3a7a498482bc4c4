"""Run the re-alignments queued when goals were saved: one pass, or ``--loop`` as a worker."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from core import worker
from strategy import realign


class Command(BaseCommand):
    help = (
        "Run the re-alignments queued when an admin saved goals or made a period current "
        "(docs/workspace.md): pending engine suggestions are replaced with suggestions for "
        "the current goals. With --loop, keep running as a worker."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--loop", action="store_true", help="keep running as a worker")
        parser.add_argument(
            "--interval", type=float, default=5.0, help="seconds between looks at the queue"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["interval"] <= 0:
            raise CommandError("--interval must be positive.")

        def one_pass() -> bool:
            run = realign.run_next()
            if run is not None:
                self.stdout.write(
                    f"Re-alignment {run.pk}: {run.status}, {run.done} items, "
                    f"{run.suggestions} suggestions. {run.error}".rstrip()
                )
            elif not options["loop"]:
                self.stdout.write("No re-alignment is queued.")
            return run is not None

        worker.run(one_pass, loop=options["loop"], interval=options["interval"], stderr=self.stderr)
