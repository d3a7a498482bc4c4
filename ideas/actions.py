"""State changes of ideas. Views call these; they write the audit trail and the outbox."""

from __future__ import annotations

import secrets
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone, translation

from core import throttle
from core.tokens import hash_token  # re-exported: callers import it from here
from ideas import outbox, uploads
from ideas.mailtext import inert
from ideas.models import (
    IDEA_TEXTS,
    PROPOSER_FIELDS,
    Idea,
    ReferenceCounter,
    Status,
    StatusChange,
)
from ideas.triage import (  # noqa: F401  (re-exported: the staff triage, docs/workspace.md)
    InvalidTransition,
    Refused,
    StaleIdea,
    add_note,
    answer_idea,
    assign_idea,
    can_withdraw,
    change_state,
    withdraw_by_proposer,
)

IDEA_FIELDS = [*IDEA_TEXTS, *PROPOSER_FIELDS]


@dataclass(frozen=True)
class Submission:
    idea: Idea
    created: bool  # False: the same form was sent before and this is that idea


def find_by_status_token(token: str) -> Idea | None:
    """The idea whose private status link carries ``token``; only hashes are stored."""
    if not 20 <= len(token) <= 100:
        return None
    return Idea.objects.filter(status_token_hash=hash_token(token)).first()


def next_reference(year: int) -> str:
    """``IDEA-<year>-<nnnn>``: the counter row is locked by the UPDATE until commit, so
    concurrent submissions get distinct numbers on PostgreSQL and SQLite alike."""
    if not ReferenceCounter.objects.filter(year=year).update(last=F("last") + 1):
        try:
            with transaction.atomic():
                ReferenceCounter.objects.create(year=year, last=1)
        except IntegrityError:  # another submission created the year's row first
            ReferenceCounter.objects.filter(year=year).update(last=F("last") + 1)
    number = ReferenceCounter.objects.get(year=year).last
    return f"IDEA-{year}-{number:04d}"


def submit_idea(
    *,
    data: dict[str, Any],
    token: str,
    attachments: Sequence[tuple[UploadedFile, str]] = (),
    client: str | None = None,
) -> Submission:
    """Store a cooperation idea, its "received" step, its files and both mails, all or none.

    ``data`` is the form's cleaned data; ``token`` the form's idempotency token: sending
    the same form again returns the idea it created the first time.
    """
    existing = Idea.objects.filter(submission_token=token).first()
    if existing:
        return Submission(existing, created=False)
    stored = [uploads.store(upload, kind) for upload, kind in attachments]
    status_token = secrets.token_urlsafe(32)
    try:
        with transaction.atomic():
            idea = Idea(
                **{name: data[name] for name in IDEA_FIELDS},
                reference=next_reference(timezone.localdate().year),
                consent_at=timezone.now(),
                submission_token=token,
                status_token_hash=hash_token(status_token),
            )
            idea.save()
            idea.goals.set(data.get("goals") or [])
            uploads.record(stored, idea=idea)
            StatusChange.objects.create(idea=idea, status=Status.RECEIVED, at=idea.submitted_at)
            if client:
                throttle.hit(throttle.idea_submission(), client)
            _enqueue_mails(idea, status_token)
    except IntegrityError:
        uploads.discard(stored)
        existing = Idea.objects.filter(submission_token=token).first()
        if existing:  # a double click: the other request stored it a moment ago
            return Submission(existing, created=False)
        raise
    except BaseException:
        uploads.discard(stored)
        raise
    return Submission(idea, created=True)


def status_url(idea: Idea, token: str) -> str:
    with translation.override(idea.language):
        return settings.SITE_URL + reverse("ideas:status", kwargs={"token": token})


def _enqueue_mails(idea: Idea, status_token: str) -> None:
    # To an address nobody has verified: nothing the proposer wrote may become a link.
    context = {
        "idea": idea,
        "title": inert(idea.title),
        "status_url": status_url(idea, status_token),
        "answer_days": settings.IDEAS_ANSWER_DAYS,
    }
    outbox.enqueue(idea.contact_email, "confirmation", context, idea.language)
    outbox.tell_team("team", idea, {"goals": idea.goals.all()})  # read only when sent
