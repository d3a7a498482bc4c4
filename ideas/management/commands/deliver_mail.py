"""Send the mails waiting in the outbox: one pass, or ``--loop`` as a worker."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from core import worker
from ideas import outbox


class Command(BaseCommand):
    help = (
        "Send the mails that are due in the outbox. A failed send is retried later with "
        "exponential backoff; nothing is lost. With --loop, keep running as a worker."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--loop", action="store_true", help="keep running as a worker")
        parser.add_argument(
            "--interval", type=float, default=10.0, help="seconds between passes with --loop"
        )
        parser.add_argument("--batch", type=int, default=100, help="most mails sent per pass")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["interval"] <= 0 or options["batch"] <= 0:
            raise CommandError("--interval and --batch must be positive.")

        def one_pass() -> bool:
            result = outbox.deliver_due(limit=options["batch"])
            if result.sent or result.failed or not options["loop"]:
                self.stdout.write(f"Sent {result.sent} mail(s); {result.failed} failed.")
            # A full batch: more may be due at once. A mail claimed by a worker that lost
            # the database is released after OUTBOX_CLAIM_TIMEOUT and sent then.
            return result.sent + result.failed >= options["batch"]

        worker.run(one_pass, loop=options["loop"], interval=options["interval"], stderr=self.stderr)
