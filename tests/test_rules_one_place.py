"""One rule, one place: the portal catalogue, the API, the open-data export, the insights
figures and the workspace list agree on which activities are public and which run in a
year (``Activity.objects.public()`` and ``.running_in(year)``, docs/portfolio.md).

The test data holds the case on which they used to disagree (a completed activity without
an end date that started before the year), an ongoing one without an end date (it runs
on), one without a start date (in no year) and a non-public one.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from datetime import date
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.test import Client

from insights import queries
from insights.filters import Filters
from portfolio.models import Activity
from registry.models import CityUnit
from strategy.models import AlignmentLink, SDGGoal
from tests.personas import login

pytestmark = pytest.mark.django_db

YEAR = 2030
K, S, d = Activity.Kind, Activity.Status, date

# slug: (kind, status, start, end, public); each a different kind, so that the insights
# SDG × kind matrix (raw SQL) shows which of them it counted.
CASES: dict[str, tuple[str, str, date | None, date | None, bool]] = {
    "rules-running": (K.EU_PROJECT, S.ONGOING, d(2029, 1, 1), d(2031, 6, 30), True),
    "rules-ongoing-open": (K.NETWORK_WORK, S.ONGOING, d(2028, 5, 1), None, True),
    "rules-completed-open": (K.EVENT, S.COMPLETED, d(2028, 3, 1), None, True),
    "rules-completed-open-in-year": (K.BENCHMARKING, S.COMPLETED, d(2030, 4, 1), None, True),
    "rules-ended-before": (K.SCHOOL_EXCHANGE, S.COMPLETED, d(2027, 1, 1), d(2029, 12, 31), True),
    "rules-starts-after": (K.TALENT_ATTRACTION, S.PLANNED, d(2031, 1, 1), d(2031, 12, 31), True),
    "rules-no-start": (K.INVESTMENT_LEAD, S.ONGOING, None, d(2030, 12, 31), True),
    "rules-internal": (K.DELEGATION_INCOMING, S.ONGOING, d(2030, 1, 1), d(2030, 12, 31), False),
}
RUNNING = {"rules-running", "rules-ongoing-open", "rules-completed-open-in-year", "rules-internal"}
PUBLIC = {slug for slug, case in CASES.items() if case[4]}


@pytest.fixture
def unit() -> CityUnit:
    unit = CityUnit.objects.create(slug="rules-unit", name_fi="Sääntöyksikkö")
    sdg = SDGGoal.objects.get(number=11)
    for slug, (kind, status, start, end, public) in CASES.items():
        item = Activity.objects.create(
            slug=slug, title_fi=slug, kind=kind, status=status, start_date=start,
            end_date=end, public=public, responsible_unit=unit,
        )  # fmt: skip
        AlignmentLink.objects.create(
            item=item, sdg=sdg, source="staff", review_state=AlignmentLink.Review.CONFIRMED
        )
    return unit


def pages(client: Client, path: str, found: Callable[[str], list[str]]) -> set[str]:
    """Everything listed over a page-numbered HTML list (past the end: the last page)."""
    seen: set[str] = set()
    for number in range(1, 100):
        response = client.get(f"{path}&page={number}")
        assert response.status_code == 200
        items = set(found(response.content.decode()))
        if items <= seen:
            return seen
        seen |= items
    raise AssertionError("more pages than expected")


def portal(client: Client, query: str) -> set[str]:
    pattern = r'<h3><a href="/en/activities/([\w-]+)/">'
    return pages(client, f"/en/activities/?{query}", lambda html: re.findall(pattern, html))


def workspace(client: Client, user: User, query: str) -> set[str]:
    login(client, user)
    pattern = r'<a href="/en/staff/activities/(\d+)/">'
    ids = pages(client, f"/en/staff/activities/?{query}", lambda html: re.findall(pattern, html))
    client.logout()
    return set(Activity.objects.filter(pk__in=ids).values_list("slug", flat=True))


def api(client: Client, query: str) -> set[str]:
    found: set[str] = set()
    url: str | None = f"/api/v1/activities/?page_size=200&{query}"
    while url:
        response = client.get(url)
        assert response.status_code == 200
        payload = response.json()
        found |= {item["slug"] for item in payload["results"]}
        url = payload["next"]
    return found


def open_data(client: Client) -> set[str]:
    response = client.get("/api/v1/open-data/activities.json")
    assert response.status_code == 200
    rows: list[dict[str, Any]] = json.loads(response.content)
    return {row["slug"] for row in rows}


def insights(filters: Filters) -> set[str]:
    return set(queries.activities(filters).values_list("slug", flat=True))


def matrix_kinds(filters: Filters) -> set[str]:
    """The kinds the SDG 11 row of the SDG × kind matrix counts (its own SQL condition)."""
    matrix = queries.sdg_matrix(filters)
    return {kind for kind, _label in matrix.kinds if matrix.counts.get((11, kind))}


def kinds(slugs: set[str]) -> set[str]:
    return {str(CASES[slug][0]) for slug in slugs}


def test_every_channel_lists_the_same_activities_for_a_year(
    client: Client, vera: User, unit: CityUnit
) -> None:
    public_in_year = set(Activity.objects.public().running_in(YEAR).values_list("slug", flat=True))
    # The rule itself, on the test data: the disagreeing case is out, ongoing runs on.
    assert {slug for slug in public_in_year if slug in CASES} == RUNNING & PUBLIC
    in_2028 = set(Activity.objects.running_in(2028).values_list("slug", flat=True))
    assert "rules-completed-open" in in_2028 and "rules-no-start" not in in_2028
    assert portal(client, f"year={YEAR}") == public_in_year
    assert api(client, f"year={YEAR}") == public_in_year
    assert workspace(client, vera, f"year={YEAR}&visibility=public") == public_in_year
    assert insights(Filters(year=YEAR, public=True)) == public_in_year
    # The staff lists see the non-public one too, under the same year rule.
    assert insights(Filters(year=YEAR, unit=unit)) == RUNNING
    assert workspace(client, vera, f"year={YEAR}&unit={unit.pk}") == RUNNING
    # The insights matrices restate the rule in SQL; they count the same activities.
    assert matrix_kinds(Filters(year=YEAR, unit=unit, public=True)) == kinds(RUNNING & PUBLIC)
    assert matrix_kinds(Filters(year=YEAR, unit=unit)) == kinds(RUNNING)
    assert matrix_kinds(Filters(year=2028, unit=unit)) == kinds(
        {"rules-ongoing-open", "rules-completed-open", "rules-ended-before"}
    )


def test_every_channel_has_the_same_public_set(client: Client, vera: User, unit: CityUnit) -> None:
    public = set(Activity.objects.filter(public=True).values_list("slug", flat=True))
    assert set(Activity.objects.public().values_list("slug", flat=True)) == public
    assert {slug for slug in public if slug in CASES} == PUBLIC
    assert portal(client, "sort=title") == public
    assert api(client, "") == public
    assert open_data(client) == public
    assert insights(Filters(public=True)) == public
    assert workspace(client, vera, "visibility=public") == public
    assert matrix_kinds(Filters(unit=unit, public=True)) == kinds(PUBLIC)
