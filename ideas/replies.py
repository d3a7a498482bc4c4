"""The proposer's side of the conversation and the city's promised answer time.

``reply_by_proposer`` is the action behind the reply form on the private status page:
holding the status link is the proposer's proof (no staff permission is involved). A reply
to a request for more information puts the idea back "in review"; the team and the
assignee are told by mail. ``answer_due`` is the date the city promised to answer by
(``IDEAS_ANSWER_DAYS`` after the idea arrived or the proposer last wrote, until staff send
an answer); the reminders to assignees and "waiting too long" follow it.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.db.models import F, Max, Q, QuerySet
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from core.actions import ANY_VERSION
from ideas import outbox, uploads
from ideas.models import (
    OPEN_STATES,
    Idea,
    ProposerReply,
    Status,
    StatusChange,
)
from ideas.triage import InvalidTransition, Refused, _clean_text, _locked

MAX_REPLIES = 20  # per idea: the status link is a capability, not a free mail relay
# The city's turn: ideas it has to answer (in "more information requested" the proposer's).
CITY_TURN = (Status.RECEIVED, Status.IN_REVIEW)


def can_reply(idea: Idea) -> bool:
    return idea.status in OPEN_STATES and not idea.anonymised_at


def reply_by_proposer(
    idea: Idea,
    body: str,
    *,
    token: str,
    attachments: Sequence[tuple[UploadedFile, str]] = (),
) -> ProposerReply:
    """Store the proposer's message and files, all or none; ``token`` is the form's
    idempotency token (the same form sent twice stores one message)."""
    existing = ProposerReply.objects.filter(submission_token=token, idea=idea).first()
    if existing:
        return existing
    body = _clean_text(body, _("message"))
    if not body:
        raise Refused(_("Write your message first."))
    if not can_reply(idea):
        raise InvalidTransition(
            _("This idea is “%(current)s”: messages can no longer be added to it.")
            % {"current": idea.get_status_display()}
        )
    if idea.replies.count() >= MAX_REPLIES:
        raise Refused(
            _("This idea has %(count)s messages already. Please write to %(email)s instead.")
            % {"count": MAX_REPLIES, "email": settings.IDEAS_TEAM_EMAIL or "international@espoo.fi"}
        )
    stored = [uploads.store(upload, kind) for upload, kind in attachments]
    try:
        with transaction.atomic():
            current = _locked(idea, ANY_VERSION)
            if not can_reply(current):
                raise InvalidTransition(
                    _("This idea is “%(current)s”: messages can no longer be added to it.")
                    % {"current": current.get_status_display()}
                )
            now = timezone.now()
            reply = ProposerReply.objects.create(
                idea=current, body=body, created_at=now, submission_token=token
            )
            uploads.record(stored, idea=current, reply=reply)
            current.version += 1
            current.reminded_at = None
            if current.status == Status.MORE_INFO_REQUESTED:
                current.status = Status.IN_REVIEW
                StatusChange.objects.create(
                    idea=current,
                    status=Status.IN_REVIEW,
                    at=now,
                    by=None,
                    reason=_("The proposer answered the request for more information."),
                )
            current.save()
            _notify_staff(current, reply)
    except IntegrityError:
        uploads.discard(stored)
        existing = ProposerReply.objects.filter(submission_token=token, idea=idea).first()
        if existing:  # a double click: the other request stored it a moment ago
            return existing
        raise
    except BaseException:
        uploads.discard(stored)
        raise
    return reply


def _notify_staff(idea: Idea, reply: ProposerReply) -> None:
    """The usual notification: the team address and the assignee, in LANGUAGE_CODE."""
    language = settings.LANGUAGE_CODE
    with translation.override(language):
        admin_url = settings.SITE_URL + reverse("workspace:idea_detail", args=[idea.pk])
    recipients = [settings.IDEAS_TEAM_EMAIL] if settings.IDEAS_TEAM_EMAIL else []
    assignee = idea.assignee
    if assignee and assignee.is_active and assignee.email:
        recipients.append(assignee.email)
    context = {
        "idea": idea,
        "reply": reply,
        "files": list(reply.attachments.all()),
        "admin_url": admin_url,
    }
    for address in dict.fromkeys(recipients):
        outbox.enqueue(address, "reply", context, language)


def with_answer_due(ideas: QuerySet[Idea]) -> QuerySet[Idea]:
    """Annotate ``turn_since`` (arrival or the proposer's last message) and
    ``last_answer`` (the city's last message) for ``answer_due``."""
    return ideas.annotate(
        turn_since=Coalesce(Max("replies__created_at"), F("submitted_at")),
        last_answer=Max("answers__sent_at"),
    )


def awaiting_answer() -> QuerySet[Idea]:
    """Open ideas in the city's turn that have had no answer since the proposer wrote."""
    return with_answer_due(Idea.objects.filter(status__in=CITY_TURN)).filter(
        Q(last_answer__isnull=True) | Q(last_answer__lt=F("turn_since"))
    )


def answer_due(idea: Idea) -> datetime | None:
    """When the city promised to answer ``idea`` by; None when it is not the city's turn."""
    if idea.status not in CITY_TURN:
        return None
    if hasattr(idea, "turn_since"):  # annotated by with_answer_due
        since, last_answer = idea.turn_since, getattr(idea, "last_answer", None)
    else:
        last_reply = idea.replies.aggregate(at=Max("created_at"))["at"]
        since = last_reply or idea.submitted_at
        last_answer = idea.answers.aggregate(at=Max("sent_at"))["at"]
    if last_answer and last_answer >= since:
        return None
    return since + timedelta(days=settings.IDEAS_ANSWER_DAYS)


def reminder_limit(now: datetime) -> datetime:
    """Ideas waiting since before this are due within IDEAS_REMINDER_DAYS (or overdue)."""
    lead = max(settings.IDEAS_ANSWER_DAYS - settings.IDEAS_REMINDER_DAYS, 0)
    return now - timedelta(days=lead)


def waiting_too_long(idea: Idea, now: datetime | None = None) -> bool:
    due = answer_due(idea)
    reminder = timedelta(days=settings.IDEAS_REMINDER_DAYS)
    return due is not None and (now or timezone.now()) >= due - reminder


def thread(idea: Idea) -> list[dict[str, Any]]:
    """The city's answers and the proposer's messages, oldest first."""
    items: list[dict[str, Any]] = [
        {"from_city": True, "at": a.sent_at, "body": a.body, "files": [], "author": a.author}
        for a in idea.answers.filter(sent_at__isnull=False).select_related("author")
    ]
    items += [
        {"from_city": False, "at": r.created_at, "body": r.body, "files": list(r.attachments.all())}
        for r in idea.replies.prefetch_related("attachments")
    ]
    return sorted(items, key=lambda item: item["at"])
