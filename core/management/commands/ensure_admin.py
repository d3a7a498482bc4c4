from __future__ import annotations

import os
import secrets
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from audit.context import Actor, acting_as


class Command(BaseCommand):
    help = (
        "Make sure a staff admin account exists. Uses ADMIN_USERNAME, ADMIN_EMAIL and "
        "ADMIN_PASSWORD; without a password, generates one and prints it once."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        User = get_user_model()
        username = os.environ.get("ADMIN_USERNAME", "admin").strip() or "admin"
        if User.objects.filter(username=username).exists():
            self.stdout.write(f"Admin account '{username}' exists.")
            return
        password = os.environ.get("ADMIN_PASSWORD", "")
        generated = not password
        if generated:
            password = secrets.token_urlsafe(12)
        else:
            try:
                validate_password(password)
            except ValidationError as exc:
                raise CommandError(
                    "ADMIN_PASSWORD is too weak: " + " ".join(exc.messages)
                ) from None
        with acting_as(Actor(label="command:ensure_admin")):
            User.objects.create_superuser(
                username=username, email=os.environ.get("ADMIN_EMAIL", ""), password=password
            )
        self.stdout.write(self.style.SUCCESS(f"Created admin account '{username}'."))
        if generated:
            self.stdout.write(
                self.style.WARNING(
                    f"Its password, shown only this once: {password}\n"
                    "Change it after signing in, or set ADMIN_PASSWORD before the first run."
                )
            )
