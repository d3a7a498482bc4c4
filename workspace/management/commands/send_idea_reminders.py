from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from audit.context import Actor, acting_as
from workspace.digest import send_reminders


class Command(BaseCommand):
    help = (
        "Queue a reminder to each assignee whose ideas have waited IDEAS_REMINDER_DAYS "
        "without a change. Meant for a daily scheduler; deliver_mail sends the mail."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        with acting_as(Actor(label="send_idea_reminders")):
            count = send_reminders()
        self.stdout.write(f"{count} reminders queued.")
