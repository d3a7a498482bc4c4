from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from api import actions
from api.models import Scope
from audit.context import Actor, acting_as


class Command(BaseCommand):
    help = (
        "Create an API token for a staff integration and print it once "
        "(only its hash is stored). Scopes: " + ", ".join(Scope.values) + "."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--name", required=True, help="What the token is for.")
        parser.add_argument("--owner", required=True, help="User name the changes are made as.")
        parser.add_argument(
            "--scope",
            action="append",
            required=True,
            dest="scopes",
            help="A scope; repeat for more.",
        )
        parser.add_argument(
            "--days", type=int, default=365, help="Days until it expires (0: never; default 365)."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        User = get_user_model()
        try:
            owner = User.objects.get(username=options["owner"])
        except User.DoesNotExist:
            raise CommandError(f"No user named {options['owner']!r}.") from None
        if options["days"] < 0:
            raise CommandError("--days must be 0 (never expires) or more.")
        expires = timezone.now() + timedelta(days=options["days"]) if options["days"] else None
        with acting_as(Actor(label="command:create_api_token")):
            try:
                token, secret = actions.create_token(
                    name=options["name"], owner=owner, scopes=options["scopes"], expires_at=expires
                )
            except ValidationError as exc:
                raise CommandError(" ".join(exc.messages)) from None
        self.stdout.write(f"Token {token.name!r} for {owner.get_username()}: {secret}")
        self.stdout.write("Store it now: it is not shown again.")
