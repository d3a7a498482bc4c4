"""Engine suggestions for activities when they are saved (see strategy.suggestions)."""

from __future__ import annotations

from typing import Any

from django.db.models.signals import post_save

from portfolio.models import Activity
from strategy import suggestions

TEXT_FIELDS = ("title", "summary", "description")


def activity_text(activity: Activity) -> str:
    """Everything people wrote about the activity, in every language it exists in."""
    parts = []
    for field in TEXT_FIELDS:
        for lang in suggestions.LANGS:
            value = getattr(activity, f"{field}_{lang}", "") or ""
            if value and value not in parts:
                parts.append(value)
    return "\n\n".join(parts)


def _saved(sender: type[Activity], instance: Activity, raw: bool = False, **kwargs: Any) -> None:
    if not raw:
        suggestions.suggest_later(instance)


def connect() -> None:
    suggestions.register(Activity, activity_text)
    post_save.connect(_saved, sender=Activity, dispatch_uid="portfolio_activity_suggest")
