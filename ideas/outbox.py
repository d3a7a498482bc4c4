"""The mail outbox: mails are rows written in the same transaction as the change that
causes them, and ``manage.py deliver_mail`` sends them with retries. An SMTP outage delays
mail; it loses none.

Two workers never send the same row: a worker owns a row only if its conditional
``UPDATE … SET status='sending' WHERE id=… AND status='pending'`` changed it. A worker
that dies while sending leaves the row 'sending'; after OUTBOX_CLAIM_TIMEOUT it is put
back to pending (at-least-once delivery for that rare case).

Once a mail is sent, the tokens of the capability links it carried (an idea's status
link, a staff invitation) are removed from the stored text and HTML: the row stays as an
audit-safe copy of what was sent, and no usable link remains in the database.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.html import linebreaks

from ideas.mailtext import capability_tokens, own_links_html, scrub
from ideas.models import OutboxMessage

log = logging.getLogger(__name__)
State = OutboxMessage.State


def enqueue(to: str, template: str, context: dict[str, Any], language: str) -> OutboxMessage:
    """Render ``ideas/mail/<template>_subject.txt`` and ``_body.txt`` in ``language``.

    The text templates turn autoescaping off: a text/plain mail shows characters as they
    are. The HTML part is built from that text with every character escaped, so markup a
    proposer typed appears as text in both, and only the site's own addresses are links.
    """
    with translation.override(language):
        raw_subject = render_to_string(f"ideas/mail/{template}_subject.txt", context)
        body = render_to_string(f"ideas/mail/{template}_body.txt", context).strip() + "\n"
    subject = " ".join(raw_subject.split())[:300]  # one line: no header injection
    html_body = (
        f'<!DOCTYPE html><html lang="{language}"><body>'
        f"{linebreaks(own_links_html(body), autoescape=False)}</body></html>"
    )
    return OutboxMessage.objects.create(
        to=to, subject=subject, body=body, html_body=html_body, language=language
    )


@dataclass
class Result:
    sent: int = 0
    failed: int = 0


def tell_team(template: str, idea: Any, context: dict[str, Any]) -> None:
    """Queue ``template`` to the ideas team (``IDEAS_TEAM_EMAIL``; nothing when unset) in
    the site's language, with ``idea`` and the address of its workspace page."""
    if not settings.IDEAS_TEAM_EMAIL:
        return
    language = settings.LANGUAGE_CODE
    with translation.override(language):
        admin_url = settings.SITE_URL + reverse("workspace:idea_detail", args=[idea.pk])
    context = {"idea": idea, "admin_url": admin_url, **context}
    enqueue(settings.IDEAS_TEAM_EMAIL, template, context, language)


def backoff(attempts: int) -> timedelta:
    return timedelta(seconds=settings.OUTBOX_BACKOFF_SECONDS * 2 ** max(attempts - 1, 0))


def release_stale_claims() -> int:
    limit = timezone.now() - timedelta(seconds=settings.OUTBOX_CLAIM_TIMEOUT)
    return OutboxMessage.objects.filter(status=State.SENDING, claimed_at__lt=limit).update(
        status=State.PENDING, claimed_at=None
    )


def claim(message_id: int) -> bool:
    now = timezone.now()
    changed = OutboxMessage.objects.filter(
        id=message_id, status=State.PENDING, next_attempt_at__lte=now
    ).update(status=State.SENDING, claimed_at=now)
    return changed == 1


def deliver_due(limit: int = 100) -> Result:
    """One pass: send what is due, oldest first."""
    release_stale_claims()
    result = Result()
    due = OutboxMessage.objects.filter(
        status=State.PENDING, next_attempt_at__lte=timezone.now()
    ).order_by("next_attempt_at", "id")
    ids = list(due.values_list("id", flat=True)[:limit])
    if not ids:
        return result
    connection = get_connection(fail_silently=False)
    for message_id in ids:
        if not claim(message_id):
            continue  # another worker has it
        message = OutboxMessage.objects.get(id=message_id)
        if _send(connection, message):
            result.sent += 1
        else:
            result.failed += 1
    try:
        connection.close()
    except Exception:  # (a broken connection is already closed for us)
        log.debug("closing the mail connection failed", exc_info=True)
    return result


def _send(connection: Any, message: OutboxMessage) -> bool:
    mail = EmailMultiAlternatives(
        subject=message.subject,
        body=message.body,
        to=[message.to],
        connection=connection,
        headers={"Auto-Submitted": "auto-generated", "Content-Language": message.language},
    )
    if message.html_body:
        mail.attach_alternative(message.html_body, "text/html")
    attempts = message.attempts + 1
    try:
        mail.send()
    except Exception as exc:  # (any failure is retried, none is lost)
        gave_up = attempts >= settings.OUTBOX_MAX_ATTEMPTS
        OutboxMessage.objects.filter(id=message.id).update(
            status=State.FAILED if gave_up else State.PENDING,
            attempts=attempts,
            next_attempt_at=timezone.now() + backoff(attempts),
            claimed_at=None,
            last_error=f"{type(exc).__name__}: {exc}"[:2000],
        )
        log.warning("mail %s to outbox failed (attempt %s): %s", message.id, attempts, exc)
        return False
    tokens = capability_tokens(message.body) | capability_tokens(message.html_body)
    OutboxMessage.objects.filter(id=message.id).update(
        status=State.SENT,
        attempts=attempts,
        sent_at=timezone.now(),
        claimed_at=None,
        body=scrub(message.body, tokens),
        html_body=scrub(message.html_body, tokens),
    )
    return True


def retry(queryset: Any) -> int:
    """Put failed messages back in the queue (the admin's "retry" action)."""
    return queryset.filter(status=State.FAILED).update(
        status=State.PENDING, next_attempt_at=timezone.now(), claimed_at=None
    )
