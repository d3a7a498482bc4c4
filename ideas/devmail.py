"""The development mailbox: where a newcomer reads the mail the system sends.

With ``DEV_MAILBOX`` on (by default when ``DEBUG`` is), the mail backend prints each mail
to the console, as Django's console backend does, and keeps a copy as a JSON file in
``DEV_MAILBOX_DIR``: the development stand-in for the recipients' mail server. The
staff-only page ``/fi/staff/dev/mail/`` lists those mails, newest first, with their links
working (the links follow ``SITE_URL``, which follows ``PORT``). The outbox itself keeps no
usable status link after delivery; this folder is the mail server's side, in development.
"""

from __future__ import annotations

import json
import secrets
import time
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.mail import EmailMessage
from django.core.mail.backends.console import EmailBackend as ConsoleBackend
from django.utils import timezone

KEEP = 200  # the newest mails kept in the folder


class EmailBackend(ConsoleBackend):
    """Print the mail (the console backend) and keep it for the development mailbox."""

    def send_messages(self, email_messages: Sequence[EmailMessage]) -> int:
        sent = super().send_messages(email_messages)
        folder = Path(settings.DEV_MAILBOX_DIR)
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        for message in email_messages:
            html = next(
                (
                    content
                    for content, kind in getattr(message, "alternatives", []) or []
                    if kind == "text/html"
                ),
                "",
            )
            data = {
                "to": list(message.to),
                "subject": str(message.subject),
                "body": str(message.body),
                "html": bool(html),
                "language": message.extra_headers.get("Content-Language", ""),
                "sent_at": timezone.now().isoformat(),
            }
            name = f"{time.time_ns():020d}-{secrets.token_hex(4)}"
            temporary = folder / f"{name}.tmp"
            temporary.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
            temporary.rename(folder / f"{name}.json")
        for old in sorted(folder.glob("*.json"))[:-KEEP]:
            old.unlink(missing_ok=True)
        return sent


@dataclass(frozen=True)
class Mail:
    to: str
    subject: str
    body: str
    language: str
    sent_at: datetime | None


def _parse(path: Path) -> Mail | None:
    try:
        data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
        sent_at = datetime.fromisoformat(str(data.get("sent_at", "")))
    except (OSError, ValueError):
        return None
    return Mail(
        to=", ".join(data.get("to") or []),
        subject=str(data.get("subject", "")),
        body=str(data.get("body", "")),
        language=str(data.get("language", "")),
        sent_at=sent_at,
    )


def mailbox(limit: int = 50) -> list[Mail]:
    """The newest mails delivered to the development mailbox, newest first."""
    folder = Path(settings.DEV_MAILBOX_DIR)
    if not folder.is_dir():
        return []
    found = (_parse(path) for path in sorted(folder.glob("*.json"), reverse=True)[:limit])
    return [mail for mail in found if mail is not None]
