"""The development server and the workers, started together and stopped together."""

from __future__ import annotations

import os
import sys
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser

from ops import launcher, metrics

# Every long-running worker the system needs (docs/operations.md, "Scheduled commands").
WORKERS: list[list[str]] = [
    ["deliver_mail", "--loop", "--interval", "2"],
    ["run_radar_queue", "--loop"],
    ["run_realign_queue", "--loop"],
    ["read_other_languages", "--loop"],
]


def commands(*, port: int, server: bool = True) -> list[list[str]]:
    manage = [sys.executable, str(settings.BASE_DIR / "manage.py")]
    found = [[*manage, *worker] for worker in WORKERS]
    if server:
        found.insert(0, [*manage, "runserver", f"127.0.0.1:{port}"])
    return found


class Command(BaseCommand):
    help = (
        "Run the development server and the workers (the mail outbox, the radar and realign "
        "queues) "
        "together; Ctrl-C or SIGTERM stops them all, and so does any one of them ending."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--port", type=int, default=settings.PORT)
        parser.add_argument(
            "--workers-only", action="store_true", help="run the workers without the server"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        # The children's settings read PORT: links in mails follow the port served.
        os.environ["PORT"] = str(options["port"])
        # The children inherit PROMETHEUS_MULTIPROC_DIR (the settings set it) and share
        # their request counters there; a new run starts them from zero.
        metrics.start_run()
        found = commands(port=options["port"], server=not options["workers_only"])
        for argv in found:
            self.stdout.write("Starting: " + " ".join(argv[2:]))
        status = launcher.supervise(found)
        if status:
            sys.exit(status)
