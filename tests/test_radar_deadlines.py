"""A deadline given as a date only is 17:00 Brussels time: stored, shown and in iCalendar."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import icalendar
import pytest
from django.contrib.auth.models import User
from django.test import Client

from radar.fileimport import import_file
from radar.models import Call
from radar.parse import parse_datetime
from tests.personas import login

pytestmark = pytest.mark.django_db

HEADER = "call_id;title;programme;deadlines\n"
BRUSSELS = ZoneInfo("Europe/Brussels")


@pytest.mark.parametrize(
    ("text", "utc_hour"),
    [("2031-01-15", 16), ("2031-07-15", 15)],  # winter: UTC+1, summer: UTC+2
)
def test_a_date_only_deadline_is_17_brussels_time(text: str, utc_hour: int) -> None:
    parsed = parse_datetime(text)
    assert parsed is not None
    assert parsed.tzinfo is not None and parsed.utcoffset() == timedelta(0)
    assert (parsed.date().isoformat(), parsed.hour, parsed.minute) == (text, utc_hour, 0)
    assert parsed.astimezone(BRUSSELS).hour == 17


def test_times_with_an_offset_or_in_utc_are_kept() -> None:
    assert parse_datetime("2031-04-29T17:00:00.000+0200") == datetime(2031, 4, 29, 15, tzinfo=UTC)
    assert parse_datetime("2031-04-29T10:30") == datetime(2031, 4, 29, 10, 30, tzinfo=UTC)


def _winter_call() -> Call:
    year = date.today().year + 1
    content = HEADER + f"ZZ-WINTER-1;Winter call;Test programme;{year}-01-15\n"
    import_file("winter.csv", content.encode())
    call = Call.objects.get(call_id="ZZ-WINTER-1")
    assert call.deadlines.get().at == datetime(year, 1, 15, 16, 0, tzinfo=UTC)
    return call


def test_the_call_page_shows_17_brussels_time_as_18_helsinki_time(
    client: Client, vera: User
) -> None:
    call = _winter_call()
    login(client, vera)
    page = client.get(f"/en/staff/radar/calls/{call.pk}/").content.decode()
    assert "6 p.m." in page or "18:00" in page  # Europe/Helsinki, the site's time zone
    assert "17:00 Brussels time" in page
    finnish = client.get(f"/fi/staff/radar/calls/{call.pk}/").content.decode()
    assert "klo 17:00 Brysselin aikaa" in finnish


@pytest.mark.parametrize(
    ("lang", "name"),
    [
        ("en", "Funding call deadlines"),
        ("fi", "Rahoitushakujen määräajat"),
        ("sv", "Tidsfrister för finansieringsutlysningar"),
    ],
)
def test_the_ical_feed_parses_and_starts_at_17_brussels_time(
    client: Client, vera: User, lang: str, name: str
) -> None:
    call = _winter_call()
    login(client, vera)
    for path in (
        f"/{lang}/staff/radar/calls/{call.pk}/deadlines.ics",
        f"/{lang}/staff/radar/deadlines.ics",
    ):
        response = client.get(path)
        assert response.status_code == 200
        assert response["Content-Type"].startswith("text/calendar")
        cal = icalendar.Calendar.from_ical(response.content.decode())  # raises if malformed
        assert str(cal["X-WR-CALNAME"]) == name
        assert str(cal["VERSION"]) == "2.0" and cal.get("PRODID")
        assert [tz["TZID"] for tz in cal.walk("VTIMEZONE")] == ["Europe/Brussels"]
        events = cal.walk("VEVENT")
        assert len(events) == 1
        start = events[0].decoded("DTSTART")
        assert (start.hour, start.minute, start.utcoffset()) == (17, 0, timedelta(hours=1))
        assert start.astimezone(ZoneInfo("Europe/Helsinki")).hour == 18
        assert events[0]["DTSTART"].params["TZID"] == "Europe/Brussels"
        assert {"UID", "DTSTAMP", "SUMMARY", "DTEND"} <= set(events[0])
        assert events[0].walk("VALARM")
