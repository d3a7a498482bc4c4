from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from tqdm import tqdm

from audit.context import Actor, acting_as
from core.demo import DEMO_PREFIX, generate_demo_data, remove_demo_data


class Command(BaseCommand):
    help = (
        f"Generate public demo activities for benchmarks and demonstrations (slugs start "
        f"with '{DEMO_PREFIX}'). Never run by default. --remove deletes them again."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--activities", type=int, default=1000)
        parser.add_argument("--seed", type=int, default=2026)
        parser.add_argument("--remove", action="store_true")

    def handle(self, *args: Any, **options: Any) -> None:
        with acting_as(Actor(label="command:generate_demo_data")):
            if options["remove"]:
                removed = remove_demo_data()
                self.stdout.write(f"Removed {removed} demo activities.")
                return
            total = options["activities"]
            with tqdm(total=total, unit="activity", disable=None) as bar:
                generate_demo_data(total, options["seed"], progress=bar.update)
        self.stdout.write(self.style.SUCCESS(f"Generated {total} demo activities."))
