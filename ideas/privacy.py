"""Personal data of proposers and contacts: retention, the data subject's export, erasure.

Erasing an idea's personal data anonymises it: the proposer's name, e-mail and phone are
emptied, attachments, the proposer's messages and the mails sent about it are deleted and
the private status link stops working, while the idea's text, state, dates, country, kind
of organisation, language and goals stay for statistics.
"""

from __future__ import annotations

import calendar
import secrets
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from accounts.roles import is_admin
from audit import personal
from audit.actions import record_disclosure
from audit.models import AuditEvent, Disclosure
from ideas.actions import IDEA_FIELDS, hash_token
from ideas.models import Idea, OutboxMessage
from registry.models import Contact

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser, User

DONE_MAIL_STATES = (OutboxMessage.State.SENT, OutboxMessage.State.FAILED)


def months_before(moment: datetime, months: int) -> datetime:
    year, month0 = divmod(moment.year * 12 + moment.month - 1 - months, 12)
    day = min(moment.day, calendar.monthrange(year, month0 + 1)[1])
    return moment.replace(year=year, month=month0 + 1, day=day)


def anonymise_idea(idea: Idea, now: datetime | None = None) -> Idea:
    """Erase the proposer's personal data from one idea (see the module docstring)."""
    with transaction.atomic():
        if idea.contact_email:
            OutboxMessage.objects.filter(
                to__iexact=idea.contact_email,
                subject__contains=idea.reference,
                status__in=DONE_MAIL_STATES,
            ).delete()
        for attachment in idea.attachments.all():
            attachment.delete()  # the file goes with the row (ideas.uploads)
        idea.replies.all().delete()  # the proposer's messages are correspondence, like mail
        idea.contact_name = ""
        idea.contact_email = ""
        idea.contact_phone = ""
        idea.status_token_hash = hash_token(secrets.token_urlsafe(32))
        idea.anonymised_at = now or timezone.now()
        idea.save()
    return idea


def due_for_erasure(now: datetime | None = None) -> Any:
    limit = months_before(now or timezone.now(), settings.IDEAS_RETENTION_MONTHS)
    return Idea.objects.filter(
        closed_at__isnull=False, closed_at__lte=limit, anonymised_at__isnull=True
    )


def erase_expired(now: datetime | None = None) -> list[str]:
    """Anonymise every idea closed longer than IDEAS_RETENTION_MONTHS; their references."""
    now = now or timezone.now()
    done = []
    for idea in due_for_erasure(now).order_by("closed_at"):
        anonymise_idea(idea, now)
        done.append(idea.reference)
    return done


@dataclass
class Holdings:
    email: str
    ideas: list[Idea]
    contacts: list[Contact]
    mails: list[OutboxMessage]

    @property
    def empty(self) -> bool:
        return not (self.ideas or self.contacts or self.mails)


def find_person(email: str) -> Holdings:
    email = email.strip()
    return Holdings(
        email=email,
        ideas=list(Idea.objects.filter(contact_email__iexact=email).order_by("submitted_at")),
        contacts=list(Contact.objects.filter(email__iexact=email).select_related("organisation")),
        mails=list(OutboxMessage.objects.filter(to__iexact=email).order_by("created_at")),
    )


def look_up(email: str) -> Holdings:
    """What is held about the person with ``email``, to show to an admin: each idea and
    contact read is recorded (``audit.personal``)."""
    found = find_person(email)
    reason = "data subject request"
    found.ideas = personal.read_each(found.ideas, reason=reason)
    found.contacts = personal.read_each(found.contacts, reason=reason)
    return found


def _when(value: datetime | None) -> str | None:
    return value.isoformat() if value else None


def export_person(email: str, actor: User | AnonymousUser) -> dict[str, Any]:
    """Everything held about the person with ``email``, as JSON-ready data; recorded as a
    disclosure."""
    if not is_admin(actor):
        raise PermissionDenied
    found = find_person(email)
    data = {
        "email": found.email,
        "exported_at": timezone.now().isoformat(),
        "ideas": [_idea_data(idea) for idea in found.ideas],
        "contacts": [
            {
                "organisation": str(c.organisation),
                "name": c.name,
                "email": c.email,
                "phone": c.phone,
                "position": c.position,
                "purpose": c.purpose,
                "review_on": c.review_on.isoformat(),
            }
            for c in found.contacts
        ],
        "mails": [
            {
                "subject": m.subject,
                "body": m.body,
                "language": m.language,
                "status": m.status,
                "created_at": _when(m.created_at),
                "sent_at": _when(m.sent_at),
            }
            for m in found.mails
        ],
    }
    record_disclosure(
        Disclosure.Kind.PERSON,
        "json",
        len(found.ideas) + len(found.contacts) + len(found.mails),
        actor,
        {"ideas": [i.reference for i in found.ideas], "contacts": [c.pk for c in found.contacts]},
        items=[*found.ideas, *found.contacts],
    )
    return data


def _idea_data(idea: Idea) -> dict[str, Any]:
    fields = ["reference", *IDEA_FIELDS, "status"]  # what the proposer sent, and its state
    data: dict[str, Any] = {name: getattr(idea, name) for name in fields}
    data["organisation_country"] = idea.organisation_country.code
    data["submitted_at"] = _when(idea.submitted_at)
    data["consent_at"] = _when(idea.consent_at)
    data["status_history"] = [
        {"status": s.status, "at": _when(s.at)} for s in idea.status_history.all()
    ]
    data["answers"] = [
        {"body": a.body, "sent_at": _when(a.sent_at)} for a in idea.answers.all() if a.sent_at
    ]
    data["attachments"] = [
        {"name": a.original_name, "size": a.size, "sha256": a.sha256}
        for a in idea.attachments.all()
    ]
    # The conversation on the status page: the proposer's messages and their files.
    data["messages_from_proposer"] = [
        {
            "body": r.body,
            "written_at": _when(r.created_at),
            "attachments": [a.original_name for a in r.attachments.all()],
        }
        for r in idea.replies.all()
    ]
    return data


@dataclass
class Erasure:
    ideas: int
    contacts: int
    mails: int


def erase_person(email: str, actor: User | AnonymousUser) -> Erasure:
    """Erase the person with ``email``: their ideas anonymised, contacts and mails deleted."""
    if not is_admin(actor):
        raise PermissionDenied
    found = find_person(email)
    with transaction.atomic():
        for idea in found.ideas:
            anonymise_idea(idea)
        for contact in found.contacts:
            pk = contact.pk
            contact.delete()
            # Events written before contacts named themselves without the person's name.
            AuditEvent.objects.filter(model="registry.contact", object_id=str(pk)).update(
                object_repr=f"contact #{pk} (erased)"
            )
        mails = OutboxMessage.objects.filter(to__iexact=found.email).delete()[0]
    return Erasure(len(found.ideas), len(found.contacts), mails)
