"""Run the fetches staff queued with "fetch now": one pass, or ``--loop`` as a worker."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from core import worker
from radar import queue


class Command(BaseCommand):
    help = (
        'Run the fetches of calls that staff queued with "fetch now" (docs/radar.md). '
        "A fetch whose worker died is taken up again after RADAR_QUEUE_CLAIM_TIMEOUT. "
        "With --loop, keep running as a worker."
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
            run = queue.run_next()
            if run is not None:
                self.stdout.write(f"Fetch {run.pk}: {run.status}. {run.error}".rstrip())
            elif not options["loop"]:
                self.stdout.write("No fetch is queued.")
            # Another queued fetch may wait. A run claimed by a worker that lost the
            # database is queued again after RADAR_QUEUE_CLAIM_TIMEOUT and fetched then.
            return run is not None

        worker.run(one_pass, loop=options["loop"], interval=options["interval"], stderr=self.stderr)
