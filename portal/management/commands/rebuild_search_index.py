from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand
from django.db import transaction

from portal.search import rebuild_index


class Command(BaseCommand):
    help = "Rebuild the portal's activity search index from the activities."

    def handle(self, *args: Any, **options: Any) -> None:
        with transaction.atomic():
            count = rebuild_index()
        self.stdout.write(f"Indexed {count} activities.")
