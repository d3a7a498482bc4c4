from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError

from audit.context import Actor, acting_as
from workspace.digest import send_digest


class Command(BaseCommand):
    help = (
        "Queue the team's digest of cooperation ideas to IDEAS_TEAM_EMAIL (nothing when "
        "there is nothing to report). Meant for a daily scheduler."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--hours", type=int, default=24, help="Period covered (default 24).")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["hours"] < 1:
            raise CommandError("--hours must be at least 1.")
        with acting_as(Actor(label="send_team_digest")):
            sent = send_digest(hours=options["hours"])
        self.stdout.write("Digest queued." if sent else "Nothing to report: no digest.")
