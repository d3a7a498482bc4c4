"""Engine suggestions for new cooperation ideas (see strategy.suggestions)."""

from __future__ import annotations

from typing import Any

from django.db.models.signals import post_save

from ideas.models import Idea
from strategy import suggestions


def idea_text(idea: Idea) -> str:
    """What the proposer wrote about the idea (not who they are)."""
    return "\n\n".join(
        part for part in (idea.title, idea.description, idea.offer, idea.hopes) if part
    )


def _saved(sender: type[Idea], instance: Idea, created: bool, raw: bool = False, **kw: Any) -> None:
    if created and not raw:
        suggestions.suggest_later(instance)


def connect() -> None:
    suggestions.register(Idea, idea_text)
    post_save.connect(_saved, sender=Idea, dispatch_uid="ideas_idea_suggest")
