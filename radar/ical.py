"""Deadlines as an iCalendar file (RFC 5545), written by hand: one VEVENT per deadline.

Lines end in CRLF and are folded at 75 octets (never inside a UTF-8 character); text
values escape backslash, semicolon, comma and newlines. Each event has a stable UID, so
a calendar that imports the file again updates the events instead of doubling them.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime, timedelta

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from radar.models import Call, CallDeadline

PRODID = "-//City of Espoo//International Espoo funding radar//EN"


def escape(text: str) -> str:
    return (
        text.replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\\n")
        .replace("\n", "\\n")
        .replace("\r", "\\n")
    )


def fold(line: str) -> str:
    """Split a content line into chunks of at most 75 octets (RFC 5545 §3.1)."""
    out: list[str] = []
    current = ""
    size = 0
    limit = 75
    for char in line:
        width = len(char.encode("utf-8"))
        if size + width > limit:
            out.append(current)
            current, size, limit = "", 0, 74  # continuation lines start with a space
        current += char
        size += width
    out.append(current)
    return "\r\n ".join(out)


def _stamp(value: datetime) -> str:
    return value.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def calendar(deadlines: Iterable[CallDeadline]) -> str:
    now = _stamp(timezone.now())
    host = settings.SITE_URL.split("//")[-1].split("/")[0] or "espoo.fi"
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{PRODID}",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"X-WR-CALNAME:{escape(_('Funding call deadlines'))}",
    ]
    for deadline in deadlines:
        call: Call = deadline.call
        page = settings.SITE_URL + reverse("radar:call_detail", args=[call.pk])
        summary = _("Deadline: %(title)s") % {"title": call.title}
        if deadline.stage > 1 or call.deadline_model == "two-stage":
            summary = _("Deadline (stage %(stage)d): %(title)s") % {
                "stage": deadline.stage,
                "title": call.title,
            }
        description = "\n".join(
            part for part in (call.identifier, call.programme, call.url, page) if part
        )
        lines += [
            "BEGIN:VEVENT",
            f"UID:radar-{call.pk}-{deadline.stage}-{deadline.at:%Y%m%d}@{host}",
            f"DTSTAMP:{now}",
            f"DTSTART:{_stamp(deadline.at)}",
            f"DTEND:{_stamp(deadline.at + timedelta(minutes=30))}",
            f"SUMMARY:{escape(summary)}",
            f"DESCRIPTION:{escape(description)}",
            f"URL:{page}",
            "TRANSP:TRANSPARENT",
            "BEGIN:VALARM",
            "ACTION:DISPLAY",
            f"DESCRIPTION:{escape(summary)}",
            "TRIGGER:-P7D",
            "END:VALARM",
            "END:VEVENT",
        ]
    lines.append("END:VCALENDAR")
    return "".join(fold(line) + "\r\n" for line in lines)
