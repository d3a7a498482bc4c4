from __future__ import annotations

from audit.context import Actor, acting_as
from core import worker
from strategy import suggestions
from strategy.models import AlignmentReading

BATCH = 10


class Command(worker.WorkerCommand):
    help = (
        "Read ideas and activities written in a language other than Finnish, Swedish or "
        "English through the multilingual transformer (slow, so not on the request), "
        "replacing their pending engine suggestions. With --loop it keeps waiting for more."
    )

    interval = 30.0

    def one_pass(self) -> bool:
        waiting = list(
            AlignmentReading.objects.filter(other_language_pending=True)
            .select_related("content_type")
            .order_by("read_at")[:BATCH]
        )
        with acting_as(Actor(label="command:read_other_languages")):
            for reading in waiting:
                model = reading.content_type.model_class()
                item = (
                    model._default_manager.filter(pk=reading.object_id).first() if model else None
                )
                if item is None or model not in suggestions.TEXT_OF:
                    reading.other_language_pending = False
                    reading.save(update_fields=["other_language_pending"])
                    continue
                suggestions.suggest_for(item, embeddings=True)
                self.stdout.write(f"Read {reading.content_type.model} {reading.object_id}.")
        return len(waiting) == BATCH
