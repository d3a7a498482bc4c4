from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import translation

from audit.context import Actor, acting_as
from core.seeding import DEFAULT_SEED_DIR, SeedError, load_seed


class Command(BaseCommand):
    help = (
        "Load the real Espoo data: strategy, SDGs, networks, partners and EU projects. "
        "Safe to repeat: records staff have edited or deleted are left alone."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--seed-dir", type=Path, default=DEFAULT_SEED_DIR)
        parser.add_argument("--language", default=None, help="Language of the messages.")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["language"]:
            translation.activate(options["language"])
        with acting_as(Actor(label="command:load_espoo")):
            try:
                report = load_seed(options["seed_dir"])
            except SeedError as exc:
                raise CommandError(f"{exc}\nNothing was changed.") from None
        for line in report.lines():
            self.stdout.write(line)
        self.stdout.write(self.style.SUCCESS("Espoo data loaded."))
