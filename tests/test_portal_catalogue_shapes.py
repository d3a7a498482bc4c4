"""The catalogue's statements compiled once per shape (portal/statements.py) list exactly
what the ORM lists, and the staff activity list's cheaper pieces keep their answers."""

from __future__ import annotations

import datetime
import itertools
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation

from portal import statements
from portal.catalogue import PAGE_SIZE, CataloguePaginator, _rows_of, catalogue, catalogue_page
from portfolio.models import Activity, Participant
from registry.models import Organisation
from strategy.models import AlignmentLink, Goal, SDGGoal
from workspace.portfolio import date_span

pytestmark = pytest.mark.django_db

KINDS = [Activity.Kind.EU_PROJECT, Activity.Kind.EVENT, Activity.Kind.NETWORK_WORK]
STATUSES = [Activity.Status.ONGOING, Activity.Status.COMPLETED, Activity.Status.PLANNED]
LATER = datetime.timedelta(days=500)


@pytest.fixture
def varied() -> dict[str, Any]:
    """45 activities over kinds, statuses, years, countries, goals and SDGs (some internal,
    some without dates or titles in every language)."""
    statements.forget()
    partners = [
        Organisation.objects.create(slug=f"sh-{code}", name_fi=f"Kumppani {code}", country=code)
        for code in ("EE", "SE")
    ]
    goal = Goal.objects.current().order_by("number").first()
    sdg = SDGGoal.objects.get(number=11)
    for n in range(45):
        start = datetime.date(2018 + n % 9, 1 + n % 12, 1) if n % 7 else None
        item = Activity.objects.create(
            slug=f"sh-{n:02d}", title_fi=f"Hanke {(n * 7) % 45:02d}",
            title_sv="" if n % 3 else f"Projekt {n:02d}", summary_fi=f"Tiivistelmä {n}",
            kind=KINDS[n % 3], status=STATUSES[(n // 3) % 3], public=n % 11 != 0,
            start_date=start, end_date=start + LATER if start and n % 4 else None,
        )  # fmt: skip
        Participant.objects.create(activity=item, organisation=partners[n % 2], role="partner")
        framework: dict[str, Any] = {"goal": goal} if n % 5 == 0 else {"sdg": sdg}
        AlignmentLink.objects.create(
            item=item, source=AlignmentLink.Source.STAFF, reviewed_at=timezone.now(),
            review_state=AlignmentLink.Review.CONFIRMED, **framework,
        )  # fmt: skip
    return {
        "goal": goal.pk if goal else None,
        "sdg": 11,
        "kind": Activity.Kind.EVENT,
        "status": Activity.Status.ONGOING,
        "country": "SE",
        "year": 2021,
    }


def orm_page(data: dict[str, Any], number: Any) -> tuple[int, int, list[dict[str, Any]]]:
    page = CataloguePaginator(_rows_of(data), catalogue(data), PAGE_SIZE).get_page(number)
    rows = []
    for found in page.object_list:
        row = dict(found)
        row["title"] = row.pop("shown_title")
        row["summary"] = row.pop("shown_summary")
        rows.append(row)
    return page.number, page.paginator.count, rows


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_every_shape_lists_what_the_orm_lists(varied: dict[str, Any], language: str) -> None:
    with translation.override(language):
        for size in range(3):
            for names in itertools.combinations(statements.FILTERS, size):
                for sort in ("", "title", "start"):
                    data = {name: varied[name] for name in names if varied[name]}
                    data["sort"] = sort
                    assert statements.shape_for(data, language, _rows_of) is not None
                    for number in (None, "2", "0", "x", "999"):
                        page, rows = catalogue_page(data, number)
                        expected = orm_page(data, number)
                        assert (page.number, page.paginator.count, rows) == expected, data


def test_a_shape_is_compiled_once_and_a_word_search_goes_through_the_orm(
    varied: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    compiled: list[tuple[str, ...]] = []
    original = statements._compile

    def counting(data: dict[str, Any], used: tuple[str, ...], rows_of: Any) -> Any:
        compiled.append(used)
        return original(data, used, rows_of)

    monkeypatch.setattr(statements, "_compile", counting)
    with translation.override("fi"):
        for kind in KINDS:
            catalogue_page({"kind": kind, "sort": "title"}, None)
        assert compiled == [("kind",)]
        assert statements.shape_for({"q": "hanke"}, "fi", _rows_of) is None
        with CaptureQueriesContext(connection) as queries:
            _page, rows = catalogue_page({"kind": Activity.Kind.EVENT, "sort": "title"}, None)
        assert len(queries) == 2  # the count and the page's rows
        assert [row["slug"] for row in rows] == [row["slug"] for row in orm_page(
            {"kind": Activity.Kind.EVENT, "sort": "title"}, None)[2]]  # fmt: skip


def test_sql_that_differs_between_the_stand_ins_is_not_kept() -> None:
    def statement(one: tuple[str, tuple[str]], other: tuple[str, tuple[str]]) -> Any:
        return statements._statement(one, other, ("kind",), "default")

    same = ("SELECT 1 WHERE a = %s", ("\x01kind-a",))
    assert statement(same, ("SELECT 2 WHERE a = %s", ("\x01kind-b",))) is None
    assert statement(same, ("SELECT 1 WHERE a = %s", ("other",))) is None
    kept = statement(same, ("SELECT 1 WHERE a = %s", ("\x01kind-b",)))
    assert kept is not None and kept.params({"kind": "event"}) == ["event"]


def test_a_number_the_backend_wraps_in_its_own_type_is_wrapped_alike() -> None:
    """psycopg passes a PositiveSmallIntegerField's value as Int2 on PostgreSQL: the shape
    is kept and the request's number goes out in the same wrapper; any other type is not."""

    class Int2(int):
        pass

    def statement(one: Any, other: Any) -> Any:
        return statements._statement(
            ("SELECT %s", (one,)), ("SELECT %s", (other,)), ("sdg",), "default"
        )

    kept = statement(Int2(30_001), Int2(30_002))
    assert kept is not None
    (value,) = kept.params({"sdg": 11})
    assert type(value) is Int2 and value == 11
    assert statement(Int2(30_001), 30_002) is None  # two types: not understood
    assert statement("30001", "30002") is None


def test_the_catalogue_page_shows_the_shape_rows(
    client: Client, varied: dict[str, Any], settings: Any
) -> None:
    settings.PORTAL_CACHE_SECONDS = 0
    html = client.get("/sv/activities/?kind=event&sort=title").content.decode()
    with translation.override("sv"):
        expected = orm_page({"kind": "event", "sort": "title"}, None)[2]
    assert f">{expected[0]['title']}</a>" in html
    assert html.count('<p class="meta">') == len(expected)


def test_the_staff_lists_date_span_is_the_earliest_and_latest_dates(varied: Any) -> None:
    activities = Activity.objects.all()
    starts = [a.start_date for a in activities if a.start_date]
    ends = [a.end_date for a in activities if a.end_date]
    assert date_span() == (min(starts), min(ends), max(starts), max(ends))
    Activity.objects.all().delete()
    assert date_span() == (None, None, None, None)
