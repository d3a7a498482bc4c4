from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from tqdm import tqdm

from audit.context import Actor, acting_as
from strategy import suggestions


class Command(BaseCommand):
    help = (
        "Ask the alignment engine again for every activity and idea, e.g. after a new "
        "strategy period's goals were entered. Replaces pending engine suggestions only; "
        "links staff have confirmed or rejected stay as they are."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--embeddings",
            action="store_true",
            help="Use the embedding model too (slower, a little more accurate).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        embeddings = True if options["embeddings"] else None
        total = 0
        created = 0
        with acting_as(Actor(label="command:realign")):
            for model in suggestions.TEXT_OF:
                items = model._default_manager.order_by("pk")
                label = str(model._meta.verbose_name_plural)
                for item in tqdm(items.iterator(), total=items.count(), desc=label, disable=None):
                    created += len(suggestions.suggest_for(item, embeddings))
                    total += 1
        self.stdout.write(
            self.style.SUCCESS(f"Aligned {total} items; {created} suggestions wait for review.")
        )
