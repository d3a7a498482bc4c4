"""The radar's state changes: watch rules, digest language, file imports and fetches."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.conf import settings

from audit.context import acting_as, actor_for_user
from radar import queue
from radar.fileimport import import_file
from radar.models import FetchRun, Subscription, WatchRule

if TYPE_CHECKING:
    from django.contrib.auth.models import User


def follow(user: User, kind: str, goal: Any = None, value: str = "") -> WatchRule:
    """Add a watch rule (an existing identical rule is returned, not doubled)."""
    Subscription.objects.get_or_create(user=user, defaults={"language": settings.LANGUAGE_CODE})
    rule, _created = WatchRule.objects.get_or_create(
        user=user,
        kind=kind,
        goal=goal if kind == WatchRule.Kind.GOAL else None,
        value="" if kind == WatchRule.Kind.GOAL else value,
    )
    return rule


def unfollow(user: User, rule_id: int) -> bool:
    deleted, _ = WatchRule.objects.filter(user=user, pk=rule_id).delete()
    return bool(deleted)


def set_language(user: User, language: str) -> Subscription:
    subscription, _created = Subscription.objects.get_or_create(
        user=user, defaults={"language": language}
    )
    if subscription.language != language:
        subscription.language = language
        subscription.save(update_fields=["language"])
    return subscription


def import_upload(user: User, name: str, content: bytes) -> FetchRun:
    """Import a staff upload; raises ImportFailed (nothing changed)."""
    with acting_as(actor_for_user(user)):
        return import_file(name, content, actor_label=user.get_username())


def fetch_now(user: User, language: str) -> tuple[FetchRun, bool]:
    """Queue a fetch for the radar worker, or return the one already queued or running.

    Returns the run and whether this request queued it. Nothing is fetched here: the
    worker (``manage.py run_radar_queue``) does it, writing its messages in ``language``.
    """
    with acting_as(actor_for_user(user)):
        return queue.enqueue(user.get_username(), language)
