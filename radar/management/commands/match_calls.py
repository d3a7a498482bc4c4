"""Recompute the matches of open calls with ideas and planned activities."""

from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from radar import matching
from radar.models import Call


class Command(BaseCommand):
    help = "Recompute call ↔ idea/activity matches (with --realign, align every call again)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--realign", action="store_true", help="Align every open call with the engine first."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        start = time.perf_counter()
        if options["realign"]:
            ids = list(Call.objects.exclude(status=Call.Status.CLOSED).values_list("pk", flat=True))
            links = matching.align_calls(ids)
            self.stdout.write(f"Aligned {len(ids)} calls: {links} goal and SDG suggestions.")
        stored = matching.match_all()
        self.stdout.write(f"Matches stored: {stored} in {time.perf_counter() - start:.1f} s.")
