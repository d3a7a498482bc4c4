"""The loop of the project's workers (``deliver_mail``, ``run_radar_queue``,
``run_realign_queue``, ``read_other_languages``; each ``--loop``) and their command base.

One pass does the work and says whether the worker should look again at once (it did a
full batch) or sleep. A lost database does not end a looping worker: it says so, drops its
connections, waits and tries again; whatever it had claimed is released by the claim
timeout of its queue. Without ``loop`` a lost database is a clear command error.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser, OutputWrapper
from django.db import InterfaceError, OperationalError, close_old_connections, connections


def run(
    one_pass: Callable[[], bool], *, loop: bool, interval: float, stderr: OutputWrapper
) -> None:
    """Call ``one_pass`` once, or for ever with ``loop``; it returns True when more work is
    waiting (no sleep before the next pass)."""
    while True:
        try:
            busy = one_pass()
        except (OperationalError, InterfaceError) as exc:
            if not loop:
                raise CommandError(f"The database is unavailable: {exc}") from exc
            stderr.write(f"The database is unavailable ({exc}); retrying.")
            connections.close_all()
            time.sleep(interval)
            continue
        if not loop:
            return
        close_old_connections()
        if not busy:
            time.sleep(interval)


class WorkerCommand(BaseCommand):
    """A worker's management command: one pass, or ``--loop`` every ``--interval`` seconds.

    Subclasses set ``interval`` (the default) and write ``one_pass``, which returns whether
    to look again at once; ``self.options`` holds the command's options.
    """

    interval = 5.0
    options: dict[str, Any]

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--loop", action="store_true", help="keep running as a worker")
        parser.add_argument(
            "--interval",
            type=float,
            default=self.interval,
            help="seconds between looks at the work with --loop",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["interval"] <= 0:
            raise CommandError("--interval must be positive.")
        self.options = options
        run(self.one_pass, loop=options["loop"], interval=options["interval"], stderr=self.stderr)

    def one_pass(self) -> bool:
        raise NotImplementedError
