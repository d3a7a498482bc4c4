from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from accounts.roles import setup_roles
from audit.context import Actor, acting_as


class Command(BaseCommand):
    help = "Create or update the staff roles viewer, editor and admin (safe to run again)."

    def handle(self, *args: Any, **options: Any) -> None:
        with acting_as(Actor(label="setup_roles")):
            groups = setup_roles()
        for group in groups:
            self.stdout.write(f"{group.name}: {group.permissions.count()} permissions")
