"""One date style per language (config/formats): "1 Oct 2019" in English, "1.10.2019" in
Finnish, "1 okt 2019" in Swedish, in running text and in short table dates alike, never
Django's American "Oct. 1, 2019" or "10/01/2019"."""

from __future__ import annotations

import datetime

import pytest
from django.test import Client
from django.utils import formats, translation

DAY = datetime.date(2019, 10, 1)
MOMENT = datetime.datetime(2024, 9, 30, 14, 5)
NBSP = "\u00a0"


@pytest.mark.parametrize(
    ("lang", "long", "short", "moment"),
    [  # "~" is a no-break space: a line never ends between a date's day and month
        ("en", "1~Oct~2019", "1~Oct~2019", "30~Sep~2024, 14:05"),
        ("fi", "1.10.2019", "1.10.2019", "30.9.2024 klo~14.05"),
        ("sv", "1~okt~2019", "1.10.2019", "30~sep~2024 kl.~14.05"),
    ],
)
def test_each_language_has_one_date_style(lang: str, long: str, short: str, moment: str) -> None:
    with translation.override(lang):
        assert formats.date_format(DAY) == long.replace("~", NBSP)
        assert formats.date_format(DAY, "SHORT_DATE_FORMAT") == short.replace("~", NBSP)
        assert formats.date_format(MOMENT, "DATETIME_FORMAT") == moment.replace("~", NBSP)


def test_a_month_without_an_abbreviation_is_written_whole_in_swedish() -> None:
    with translation.override("sv"):
        assert formats.date_format(datetime.date(2024, 5, 3)) == f"3{NBSP}maj{NBSP}2024"


def test_typed_dates_are_still_read_in_each_language() -> None:
    """The display style does not change what a date field accepts."""
    with translation.override("fi"):
        assert "%d.%m.%Y" in formats.get_format("DATE_INPUT_FORMATS")
    with translation.override("en"):
        assert "%Y-%m-%d" in formats.get_format("DATE_INPUT_FORMATS")


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("lang", "period"),
    [
        ("en", "1~Oct~2019–30~Sep~2024"),
        ("fi", "1.10.2019–30.9.2024"),
        ("sv", "1~okt~2019–30~sep~2024"),
    ],
)
def test_an_activity_shows_its_period_in_the_page_language(
    client: Client, lang: str, period: str
) -> None:
    html = client.get(f"/{lang}/activities/sparcs/").content.decode()
    assert period.replace("~", NBSP) in html
    assert "Sept." not in html and "Oct." not in html


@pytest.mark.parametrize(("lang", "shown"), [("en", "1~Oct~2019"), ("fi", "1.10.2019")])
def test_a_one_day_activity_shows_its_day_once(lang: str, shown: str) -> None:
    """An event of one day reads "1 Oct 2019", not "1 Oct 2019–1 Oct 2019"."""
    from portal.catalogue import ActivityRow
    from portal.templatetags.portal import activity_dates, time_span

    one_day = ActivityRow(start_date=DAY, end_date=DAY)
    with translation.override(lang):
        assert activity_dates(one_day) == shown.replace("~", NBSP)
        assert str(time_span(DAY, DAY)).count("<time") == 1
        two_days = ActivityRow(start_date=DAY, end_date=DAY + datetime.timedelta(days=1))
        assert "–" in activity_dates(two_days)
