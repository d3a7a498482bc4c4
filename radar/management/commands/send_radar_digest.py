"""Queue the daily funding-radar digest for everyone who follows something (through the outbox)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from radar.digest import send_digests


class Command(BaseCommand):
    help = "Mail each follower the new relevant calls and deadlines within 30 days (once per run)."

    def handle(self, *args: Any, **options: Any) -> None:
        sent = send_digests()
        self.stdout.write(f"Radar digests queued: {sent}")
