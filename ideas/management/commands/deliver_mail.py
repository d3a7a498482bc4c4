"""Send the mails waiting in the outbox: one pass, or ``--loop`` as a worker."""

from __future__ import annotations

from typing import Any

from django.core.management.base import CommandError, CommandParser

from core import worker
from ideas import outbox


class Command(worker.WorkerCommand):
    help = (
        "Send the mails that are due in the outbox. A failed send is retried later with "
        "exponential backoff; nothing is lost. With --loop, keep running as a worker."
    )

    interval = 10.0

    def add_arguments(self, parser: CommandParser) -> None:
        super().add_arguments(parser)
        parser.add_argument("--batch", type=int, default=100, help="most mails sent per pass")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["batch"] <= 0:
            raise CommandError("--batch must be positive.")
        super().handle(*args, **options)

    def one_pass(self) -> bool:
        batch = self.options["batch"]
        result = outbox.deliver_due(limit=batch)
        if result.sent or result.failed or not self.options["loop"]:
            self.stdout.write(f"Sent {result.sent} mail(s); {result.failed} failed.")
        # A full batch: more may be due at once. A mail claimed by a worker that lost
        # the database is released after OUTBOX_CLAIM_TIMEOUT and sent then.
        return result.sent + result.failed >= batch
