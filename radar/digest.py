"""The daily radar digest: new calls each follower cares about, and deadlines within 30 days.

A call is relevant to a person when it matches one of their watch rules: the engine aligned
it with a followed goal, its programme (or funder) contains a followed programme name, or a
followed keyword appears in its title or description. Mail goes through the outbox in the
language of the person's subscription. Nothing is sent when there is nothing new (no new
relevant call and no relevant deadline that came within 30 days since the last digest), and
never twice for the same fetch run (``DigestSent``).
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.db.models import Q, QuerySet
from django.urls import reverse
from django.utils import timezone, translation

from ideas import outbox
from radar.models import Call, CallAlignment, DigestSent, FetchRun, Subscription, WatchRule

if TYPE_CHECKING:
    from django.contrib.auth.models import User

WINDOW_DAYS = 30
PROBABILITY = 0.5


def relevant(rules: list[WatchRule]) -> QuerySet[Call]:
    """Open or forthcoming calls that match any of ``rules``."""
    query = Q(pk__in=[])
    for rule in rules:
        if rule.kind == WatchRule.Kind.GOAL and rule.goal_id:
            query |= Q(
                pk__in=CallAlignment.objects.filter(
                    goal_id=rule.goal_id, probability__gte=PROBABILITY
                ).values("call_id")
            )
        elif rule.kind == WatchRule.Kind.PROGRAMME and rule.value:
            query |= Q(programme__icontains=rule.value) | Q(funder__icontains=rule.value)
        elif rule.kind == WatchRule.Kind.KEYWORD and rule.value:
            query |= Q(title__icontains=rule.value) | Q(description__icontains=rule.value)
    return Call.objects.exclude(status=Call.Status.CLOSED).filter(query)


def call_url(call: Call, language: str) -> str:
    with translation.override(language):
        return settings.SITE_URL + reverse("radar:call_detail", args=[call.pk])


def digest_for(
    user: User, rules: list[WatchRule], since: datetime | None, now: datetime
) -> dict[str, Any] | None:
    """What one person's digest says, or None when there is nothing new to say."""
    calls = relevant(rules)
    new = calls.filter(first_seen__gt=since) if since else calls
    new_list = list(new.order_by("next_deadline", "title")[:50])
    soon = list(
        calls.filter(next_deadline__gte=now, next_deadline__lte=now + timedelta(days=WINDOW_DAYS))
        .order_by("next_deadline")
        .distinct()[:50]
    )
    # A deadline is news when it came within the window since the last digest.
    entered = [
        c
        for c in soon
        if since is None or c.next_deadline - timedelta(days=WINDOW_DAYS) > since  # type: ignore[operator]
    ]
    if not new_list and not entered:
        return None
    return {"user": user, "new": new_list, "soon": soon, "now": now, "days": WINDOW_DAYS}


def send_digests(now: datetime | None = None) -> int:
    """Queue one digest per follower with news; returns how many were queued."""
    now = now or timezone.now()
    run = FetchRun.objects.filter(status=FetchRun.Status.SUCCEEDED).order_by("-id").first()
    if run is None:
        return 0
    users = (
        get_user_model().objects.filter(is_active=True, radar_watch_rules__isnull=False).distinct()
    )
    sent = 0
    for user in users:
        if not user.email or DigestSent.objects.filter(user=user, run=run).exists():
            continue
        subscription, _created = Subscription.objects.get_or_create(
            user=user, defaults={"language": settings.LANGUAGE_CODE}
        )
        rules = list(user.radar_watch_rules.all())
        context = digest_for(user, rules, subscription.last_digest_at, now)
        if context is None:
            continue
        language = subscription.language
        context["new"] = [(c, call_url(c, language)) for c in context["new"]]
        context["soon"] = [(c, call_url(c, language)) for c in context["soon"]]
        try:
            with transaction.atomic():
                DigestSent.objects.create(user=user, run=run, calls=len(context["new"]))
                outbox.enqueue(user.email, "radar_digest", context, language)
                subscription.last_digest_at = now
                subscription.last_digest_run = run
                subscription.save(update_fields=["last_digest_at", "last_digest_run"])
        except IntegrityError:
            continue  # another worker sent it for this run
        sent += 1
    return sent
