"""Mail to staff through the outbox: reminders to assignees and the team's daily digest."""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.db.models import Q, QuerySet
from django.urls import reverse
from django.utils import timezone, translation

from ideas import outbox
from ideas.models import OPEN_STATES, Answer, Idea, Status, StatusChange
from ideas.replies import answer_due, awaiting_answer, reminder_limit
from registry.models import Contact
from strategy.models import AlignmentLink


def staff_url(idea: Idea) -> str:
    with translation.override(settings.LANGUAGE_CODE):
        return settings.SITE_URL + reverse("workspace:idea_detail", args=[idea.pk])


def waiting(now: datetime) -> QuerySet[Idea]:
    """Ideas whose promised answer date (IDEAS_ANSWER_DAYS) is IDEAS_REMINDER_DAYS away or
    past, without an answer yet, oldest first (ideas.replies.answer_due)."""
    return (
        awaiting_answer()
        .filter(turn_since__lte=reminder_limit(now))  # type: ignore[misc]
        .select_related("assignee")
        .order_by("submitted_at")
    )


def send_reminders(now: datetime | None = None) -> int:
    """One mail per assignee listing their waiting ideas with the promised answer date; an
    idea reminds again only after another IDEAS_REMINDER_DAYS. Returns the number of mails
    queued."""
    now = now or timezone.now()
    limit = now - timedelta(days=settings.IDEAS_REMINDER_DAYS)
    due = waiting(now).filter(assignee__isnull=False, assignee__is_active=True)
    due = due.filter(Q(reminded_at__isnull=True) | Q(reminded_at__lte=limit))
    by_person: dict[Any, list[Idea]] = defaultdict(list)
    for idea in due:
        if idea.assignee and idea.assignee.email:
            by_person[idea.assignee].append(idea)
    for person, ideas in by_person.items():
        context = {
            "person": person,
            "ideas": [(idea, staff_url(idea), answer_due(idea)) for idea in ideas],
            "days": settings.IDEAS_ANSWER_DAYS,
        }
        outbox.enqueue(person.email, "reminder", context, settings.LANGUAGE_CODE)
        # Bookkeeping only: not a change of the idea worth an audit event.
        Idea.objects.filter(pk__in=[i.pk for i in ideas]).update(reminded_at=now)
    return len(by_person)


def digest_context(now: datetime, hours: int = 24) -> dict[str, Any]:
    since = now - timedelta(hours=hours)
    overdue = list(waiting(now))
    return {
        "since": since,
        "new": [(i, staff_url(i)) for i in Idea.objects.filter(submitted_at__gte=since)],
        "changes": StatusChange.objects.filter(at__gte=since)
        .exclude(status=Status.RECEIVED)
        .count(),
        "answers": Answer.objects.filter(sent_at__gte=since).count(),
        "overdue": [(i, staff_url(i)) for i in overdue],
        "unassigned": Idea.objects.filter(status__in=OPEN_STATES, assignee__isnull=True).count(),
        "pending_links": AlignmentLink.objects.filter(
            review_state=AlignmentLink.Review.PENDING
        ).count(),
        "contacts_due": Contact.objects.filter(review_on__lte=now.date()).count(),
        "days": settings.IDEAS_ANSWER_DAYS,
    }


def send_digest(now: datetime | None = None, hours: int = 24) -> bool:
    """The team's digest to IDEAS_TEAM_EMAIL; nothing is sent when there is nothing to say."""
    if not settings.IDEAS_TEAM_EMAIL:
        return False
    context = digest_context(now or timezone.now(), hours)
    if not any(context[key] for key in ("new", "changes", "answers", "overdue", "unassigned")):
        return False
    outbox.enqueue(settings.IDEAS_TEAM_EMAIL, "digest", context, settings.LANGUAGE_CODE)
    return True
