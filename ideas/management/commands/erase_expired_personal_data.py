from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand

from accounts import invitations
from audit.context import Actor, acting_as
from ideas.privacy import due_for_erasure, erase_expired


class Command(BaseCommand):
    help = (
        "Erase proposers' personal data from ideas closed more than IDEAS_RETENTION_MONTHS "
        "ago (anonymised; statistics kept), and remove staff invitations that ended over "
        f"{invitations.ENDED_KEPT_DAYS} days ago. Meant for a daily scheduler."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument(
            "--dry-run", action="store_true", help="List what is due without erasing it."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["dry_run"]:
            due = list(due_for_erasure().values_list("reference", flat=True))
            self.stdout.write(f"{len(due)} ideas due: {', '.join(due)}")
            self.stdout.write(f"{invitations.ended_before().count()} ended invitations due.")
            return
        with acting_as(Actor(label="erase_expired_personal_data")):
            done = erase_expired()
            removed = invitations.remove_ended()
        months = settings.IDEAS_RETENTION_MONTHS
        self.stdout.write(
            f"Erased personal data of {len(done)} ideas closed over {months} months ago."
        )
        self.stdout.write(
            f"Removed {removed} staff invitations that ended over "
            f"{invitations.ENDED_KEPT_DAYS} days ago."
        )
