"""Similar existing work and likely duplicates, for the staff idea and activity pages.

The engine's in-memory index holds every item whose text the engine reads
(``suggestions.TEXT_OF``). Each process keeps one and rebuilds it when the
items have changed since (counts, newest id or newest edit differ).
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from typing import Any

from django.db import models
from django.db.models import Count, Max

from alignment import Index
from strategy import suggestions

DUPLICATE_SCORE = 0.9
_lock = threading.Lock()
_cached: tuple[tuple[Any, ...], Index] | None = None


@dataclass(frozen=True)
class Related:
    item: models.Model
    score: float
    likely_duplicate: bool


def _key(item: models.Model) -> str:
    return f"{item._meta.label_lower}:{item.pk}"


def _stamp() -> tuple[Any, ...]:
    parts: list[Any] = []
    for model in suggestions.TEXT_OF:
        fields = {f.name for f in model._meta.get_fields()}
        aggregates = {"n": Count("pk"), "last": Max("pk")}
        if "updated_at" in fields:
            aggregates["edited"] = Max("updated_at")
        parts.append(
            (model._meta.label_lower, *model._default_manager.aggregate(**aggregates).values())
        )
    return tuple(parts)


def index() -> Index:
    """The current index, rebuilt only when the items have changed."""
    global _cached
    stamp = _stamp()
    with _lock:
        if _cached is None or _cached[0] != stamp:
            built = Index()
            for model, text_of in suggestions.TEXT_OF.items():
                built.add((_key(item), text_of(item)) for item in model._default_manager.iterator())
            _cached = (stamp, built)
        return _cached[1]


def related(item: models.Model, k: int = 5) -> list[Related]:
    """The ``k`` items most like ``item`` (itself excluded), best first."""
    text = suggestions.TEXT_OF[type(item)](item)
    own = _key(item)
    matches = [m for m in index().similar(text, k + 1) if m.id != own][:k]
    found: list[Related] = []
    for match in matches:
        label, _, pk = match.id.rpartition(":")
        model = next(m for m in suggestions.TEXT_OF if m._meta.label_lower == label)
        obj = model._default_manager.filter(pk=pk).first()
        if obj is not None and match.score > 0:
            found.append(Related(obj, match.score, match.score >= DUPLICATE_SCORE))
    return found


def forget() -> None:
    """Drop the cached index (tests roll back data the stamp cannot see)."""
    global _cached
    with _lock:
        _cached = None
