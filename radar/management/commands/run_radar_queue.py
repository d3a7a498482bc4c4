"""Run the fetches staff queued with "fetch now": one pass, or ``--loop`` as a worker."""

from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import InterfaceError, OperationalError, close_old_connections, connections

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
        while True:
            try:
                run = queue.run_next()
            except (OperationalError, InterfaceError) as exc:
                if not options["loop"]:
                    raise CommandError(f"The database is unavailable: {exc}") from exc
                # Like the mail worker, outlive a database outage; a run it had claimed is
                # queued again after RADAR_QUEUE_CLAIM_TIMEOUT and fetched then.
                self.stderr.write(f"The database is unavailable ({exc}); retrying.")
                connections.close_all()
                time.sleep(options["interval"])
                continue
            if run is not None:
                self.stdout.write(f"Fetch {run.pk}: {run.status}. {run.error}".rstrip())
            elif not options["loop"]:
                self.stdout.write("No fetch is queued.")
            if not options["loop"]:
                return
            close_old_connections()
            if run is None:
                time.sleep(options["interval"])
