"""Deadlines as an iCalendar file (RFC 5545), written with the ``icalendar`` package.

One VEVENT per deadline, in Brussels time (``TZID=Europe/Brussels`` with its VTIMEZONE):
EU deadlines are set in Brussels time, so a date-only deadline shows as 17:00 there.
Each event has a stable UID, so a calendar that imports the file again updates the events
instead of doubling them. The calendar's name is in the reader's language.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import timedelta

import icalendar
from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from radar.models import Call, CallDeadline
from radar.parse import DEADLINE_ZONE

PRODID = "-//City of Espoo//International Espoo funding radar//EN"


def _event(deadline: CallDeadline, host: str, now: object) -> icalendar.Event:
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
    start = deadline.at.astimezone(DEADLINE_ZONE)
    event = icalendar.Event()
    event.add("uid", f"radar-{call.pk}-{deadline.stage}-{deadline.at:%Y%m%d}@{host}")
    event.add("dtstamp", now)
    event.add("dtstart", start)
    event.add("dtend", start + timedelta(minutes=30))
    event.add("summary", summary)
    event.add("description", description)
    event.add("url", page)
    event.add("transp", "TRANSPARENT")
    alarm = icalendar.Alarm()
    alarm.add("action", "DISPLAY")
    alarm.add("description", summary)
    alarm.add("trigger", timedelta(days=-7))
    event.add_component(alarm)
    return event


def calendar(deadlines: Iterable[CallDeadline]) -> str:
    now = timezone.now()
    host = settings.SITE_URL.split("//")[-1].split("/")[0] or "espoo.fi"
    cal = icalendar.Calendar()
    cal.add("version", "2.0")
    cal.add("prodid", PRODID)
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", _("Funding call deadlines"))
    cal.add("x-wr-timezone", str(DEADLINE_ZONE))
    for deadline in deadlines:
        cal.add_component(_event(deadline, host, now))
    cal.add_missing_timezones()
    return cal.to_ical().decode("utf-8")
