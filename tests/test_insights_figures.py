"""The dashboards' figures against a small hand-computed fixture (docs/insights.md).

Fixture (unit "insights-test", year 2019):
  A1 EU project 2019-03-01…2020-12-31, public, partners O1 (DE) and O3 (SE),
     Horizon Europe: EU 100,000 of 150,000; goal 1 confirmed, goal 2 pending,
     SDG 11 confirmed, target 13.2 confirmed.
  A2 event 2019-06-01 (no end), internal, partner O2 (DE), Interreg: EU 50,000 of 80,000;
     goal 1 confirmed, SDG 11 confirmed.
  A3 network work 2018-01-01…2019-01-31, public, partner O1; goal 2 confirmed,
     goal 1 rejected, SDG 13 pending (engine).
  A4 benchmarking 2017 only, public, partner O3; goal 1 confirmed — outside 2019.
  I1 received 2019-02-01, goal 1 confirmed; I2 in review, answered after 4 days, goal 2
  pending; I3 declined, answered after 10 days.
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from ideas.models import Answer, Idea
from insights import charts, queries, worldmap
from insights.filters import FilterForm, Filters
from portfolio.models import Activity, FundingLine, Participant
from registry.models import CityUnit, Organisation
from strategy.models import AlignmentLink, Goal, SDGGoal, SDGTarget, current_goal_period
from tests.personas import login
from tests.workspace_support import make_idea

pytestmark = pytest.mark.django_db

CONFIRMED, PENDING, REJECTED = "confirmed", "pending", "rejected"


def link(item: Any, state: str = CONFIRMED, source: str = "staff", **framework: Any) -> None:
    AlignmentLink.objects.create(item=item, source=source, review_state=state, **framework)


def org(slug: str, country: str) -> Organisation:
    return Organisation.objects.create(slug=slug, name_fi=slug, kind="city", country=country)


def activity(
    slug: str, kind: str, start: date, end: date | None, public: bool, unit: CityUnit
) -> Activity:
    return Activity.objects.create(
        slug=slug, title_fi=slug, title_en=slug, kind=kind, status="ongoing",
        start_date=start, end_date=end, public=public, responsible_unit=unit,
    )  # fmt: skip


def at(day: date, days_later: float = 0) -> datetime:
    start = timezone.make_aware(datetime(day.year, day.month, day.day, 9))
    return start + timedelta(days=days_later)


@pytest.fixture
def world(settings: Any, tmp_path: Any) -> dict[str, Any]:
    settings.IDEAS_ATTACHMENT_DIR = tmp_path
    unit = CityUnit.objects.create(
        slug="insights-test", name_fi="Testiyksikkö", name_en="Test unit"
    )
    goal1 = Goal.objects.current().get(number=1)
    goal2 = Goal.objects.current().get(number=2)
    sdg11, sdg13 = SDGGoal.objects.get(number=11), SDGGoal.objects.get(number=13)
    o1, o2, o3 = org("ins-o1", "DE"), org("ins-o2", "DE"), org("ins-o3", "SE")
    a1 = activity("ins-a1", "eu_project", date(2019, 3, 1), date(2020, 12, 31), True, unit)
    a2 = activity("ins-a2", "event", date(2019, 6, 1), None, False, unit)
    a3 = activity("ins-a3", "network_work", date(2018, 1, 1), date(2019, 1, 31), True, unit)
    a4 = activity("ins-a4", "benchmarking", date(2017, 1, 1), date(2017, 12, 31), True, unit)
    for item, organisation in [(a1, o1), (a1, o3), (a2, o2), (a3, o1), (a4, o3)]:
        Participant.objects.create(activity=item, organisation=organisation, role="partner")
    FundingLine.objects.create(
        activity=a1, programme="Horizon Europe", eu_contribution=100_000, total_budget=150_000
    )
    FundingLine.objects.create(
        activity=a2, programme="Interreg", eu_contribution=50_000, total_budget=80_000
    )
    link(a1, goal=goal1)
    link(a1, PENDING, "engine", goal=goal2)
    link(a1, sdg=sdg11)
    link(a1, target=SDGTarget.objects.get(code="13.2"))
    link(a2, goal=goal1)
    link(a2, sdg=sdg11)
    link(a3, goal=goal2)
    link(a3, REJECTED, goal=goal1)
    link(a3, PENDING, "engine", sdg=sdg13)
    link(a4, goal=goal1)
    i1 = make_idea(title="Idea one")
    i2 = make_idea(title="Idea two")
    i3 = make_idea(title="Idea three")
    for idea, day, state in [
        (i1, date(2019, 2, 1), "received"),
        (i2, date(2019, 2, 10), "in_review"),
        (i3, date(2019, 3, 1), "declined"),
    ]:
        Idea.objects.filter(pk=idea.pk).update(submitted_at=at(day), status=state)
    Answer.objects.create(idea=i2, body="Thanks", sent_at=at(date(2019, 2, 10), 4))
    Answer.objects.create(idea=i2, body="Later", sent_at=at(date(2019, 2, 10), 30))
    Answer.objects.create(idea=i3, body="No", sent_at=at(date(2019, 3, 1), 10))
    Answer.objects.create(idea=i1, body="Draft, never sent")
    link(i1, goal=goal1)
    link(i2, PENDING, "engine", goal=goal2)
    return {"unit": unit, "goal1": goal1, "goal2": goal2, "a": [a1, a2, a3, a4]}


def staff(world: dict[str, Any]) -> Filters:
    return Filters(period=current_goal_period(), year=2019, unit=world["unit"])


def public(world: dict[str, Any]) -> Filters:
    return Filters(period=current_goal_period(), year=2019, unit=world["unit"], public=True)


def by_number(rows: list[queries.GoalRow]) -> dict[int, queries.GoalRow]:
    return {row.goal.number: row for row in rows}


def test_goal_coverage_counts_confirmed_links_only(world: dict[str, Any]) -> None:
    rows = by_number(queries.goal_coverage(staff(world)))
    assert (rows[1].activities, rows[1].ideas, rows[1].partners) == (2, 1, 3)
    assert (rows[2].activities, rows[2].ideas, rows[2].partners) == (1, 0, 1)
    assert rows[1].eu_contribution == 150_000 and rows[1].total_budget == 230_000
    assert rows[2].eu_contribution is None  # no funding line: not recorded, not 0
    assert sum(row.activities for number, row in rows.items() if number > 2) == 0


def test_public_figures_leave_out_internal_activities_and_ideas(world: dict[str, Any]) -> None:
    rows = by_number(queries.goal_coverage(public(world)))
    assert (rows[1].activities, rows[1].ideas, rows[1].partners) == (1, 0, 2)
    assert rows[1].eu_contribution == 100_000
    assert queries.partner_countries(public(world)) == [("DE", 1), ("SE", 1)]
    money = queries.funding(public(world))
    assert [row["programme"] for row in money.by_programme] == ["Horizon Europe"]


def test_sdg_matrix_counts_targets_for_their_sdg(world: dict[str, Any]) -> None:
    matrix = queries.sdg_matrix(staff(world))
    assert matrix.counts == {(11, "eu_project"): 1, (11, "event"): 1, (13, "eu_project"): 1}
    assert matrix.total(11) == 2 and matrix.total(13) == 1 and matrix.total(1) == 0


def test_funding_by_programme_and_year(world: dict[str, Any]) -> None:
    money = queries.funding(staff(world))
    assert [(r["programme"], r["eu"], r["total"], r["n"]) for r in money.by_programme] == [
        ("Horizon Europe", 100_000, 150_000, 1),
        ("Interreg", 50_000, 80_000, 1),
    ]
    assert money.eu_total == 150_000 and money.budget_total == 230_000
    assert money.by_year == [{"year": 2019, "eu": 150_000, "total": 230_000}]
    assert money.year_matrix == [(2019, [150_000.0, 80_000.0])]  # total budgets


def test_partner_countries_count_distinct_organisations(world: dict[str, Any]) -> None:
    assert queries.partner_countries(staff(world)) == [("DE", 2), ("SE", 1)]


def test_idea_funnel_and_answer_times(world: dict[str, Any]) -> None:
    figures = queries.idea_figures(staff(world))
    funnel = {state: count for state, _label, count in figures.funnel}
    assert funnel["received"] == 1 and funnel["in_review"] == 1 and funnel["declined"] == 1
    assert figures.total == 3 and figures.answered == 2 and figures.unanswered == 1
    assert figures.median_days == pytest.approx(7.0)
    assert figures.p90_days == pytest.approx(10.0)


def test_percentiles() -> None:
    assert queries.percentile([], 90) is None
    assert queries.percentile([5.0], 90) == 5.0
    assert queries.percentile([float(n) for n in range(1, 11)], 90) == 9.0
    assert queries.median([1.0, 2.0, 10.0]) == 2.0


def test_filters_pick_the_year_unit_and_period(world: dict[str, Any]) -> None:
    a1, a2, a3, a4 = world["a"]
    chosen = set(queries.activities(staff(world)))
    assert chosen == {a1, a2, a3}
    in_2017 = Filters(period=current_goal_period(), year=2017, unit=world["unit"])
    assert set(queries.activities(in_2017)) == {a4}
    other = CityUnit.objects.create(slug="insights-other", name_fi="Muu")
    assert not queries.activities(Filters(year=2019, unit=other)).exists()
    # The period 2021–2025 covers A1 (to 2020-12-31)? No. Only A2 runs then: it is
    # ongoing without an end date, so it runs on (Activity.objects.running_during).
    period_only = Filters(period=current_goal_period(), unit=world["unit"])
    assert set(queries.activities(period_only)) == {a2}
    form = FilterForm({"year": "2019", "unit": str(world["unit"].pk)})
    assert form.is_valid() and form.filters().year == 2019 and form.filters().unit == world["unit"]


def test_the_staff_dashboard_shows_the_figures(
    client: Client, vera: Any, world: dict[str, Any]
) -> None:
    login(client, vera)
    response = client.get(f"/en/staff/insights/?year=2019&unit={world['unit'].pk}")
    assert response.status_code == 200
    goal1 = world["goal1"]
    assert [f"1. {goal1.title}", "2", "1", "3"] in response.context["goal_chart"].rows
    html = response.content.decode()
    # The goal chart: a bar labelled with the goal's value, the table beside it.
    table = html[html.index('id="goal-coverage-table"') :]
    table = table[: table.index("</table>")]
    assert re.search(
        r"<th scope=\"row\">1\. [^<]+</th><td class=\"number\">2</td>"
        r"<td class=\"number\">1</td><td class=\"number\">3</td>",
        table,
    )
    assert 'aria-labelledby="sdg-matrix-title sdg-matrix-desc"' in html
    assert "150,000 €" in html  # EU contribution by programme, in the SVG and the table
    matrix = response.context["sdg_chart"]
    kinds = [kind for kind, _label in Activity.Kind.choices]
    sdg11 = dict(zip(kinds, matrix.rows[10][1:], strict=True))
    assert sdg11["eu_project"] == "1" and sdg11["event"] == "1"
    assert sum(int(value) for value in sdg11.values()) == 2
    countries = response.context["partner_map"].table.rows
    assert countries == [["Germany", "2"], ["Sweden", "1"]]


def test_charts_have_title_desc_and_table() -> None:
    chart = charts.bar_chart("t", "Title <b>", "Description", [("A", 3), ("B", 1)], "Row", "Value")
    svg = str(chart.svg)
    assert svg.startswith("<svg") and 'role="img"' in svg
    assert 'aria-labelledby="t-title t-desc"' in svg
    assert '<title id="t-title">Title &lt;b&gt;</title>' in svg
    assert '<desc id="t-desc">Description</desc>' in svg
    assert chart.rows == [["A", "3"], ["B", "1"]] and chart.columns == ["Row", "Value"]
    heat = charts.heat_matrix("h", "H", "D", ["r1", "r2"], "R", ["c1", "c2"], [[0, 4], [2, 0]])
    assert heat.rows == [["r1", "0", "4"], ["r2", "2", "0"]]
    assert "<desc" in str(heat.svg) and ">4</text>" in str(heat.svg)
    stacked = charts.stacked_bar_chart("s", "S", "D", ["2019"], "Year", ["x", "y"], [[1, 2]])
    assert stacked.rows == [["2019", "1", "2", "3"]]


def test_text_colour_on_shades_has_contrast() -> None:
    for colour in charts.SHADES:
        text = charts.text_on(colour)
        ratio = _contrast(colour, text)
        assert ratio >= 4.5, (colour, text, ratio)
    for colour in charts.SERIES:
        assert _contrast(colour, "#ffffff") >= 3


def _contrast(one: str, two: str) -> float:
    a, b = sorted([charts._luminance(one), charts._luminance(two)], reverse=True)
    return (a + 0.05) / (b + 0.05)


def test_world_map_shades_partner_countries() -> None:
    if worldmap.shapes() is None:
        pytest.skip("world-atlas not installed (npm ci)")
    codes = {shape.code for shape in worldmap.shapes() or ()}
    assert {"FI", "SE", "DE", "JP", "US"} <= codes
    svg = str(worldmap.world_map("m", "Map", "Desc", {"DE": 5, "SE": 1}, "Partners"))
    assert svg.count("<path") >= 170 and 'role="img"' in svg and "<desc" in svg
    assert worldmap.classes(5) == [(1, 1), (2, 4), (5, 5)]
    assert worldmap.project(-180, 84) == (0, 0)


def test_topojson_decoding_of_a_tiny_topology() -> None:
    topology = {
        "type": "Topology",
        "transform": {"scale": [1, 1], "translate": [0, 0]},
        "arcs": [[[0, 0], [10, 0], [0, 10], [-10, 0], [0, -10]]],
        "objects": {
            "countries": {
                "type": "GeometryCollection",
                "geometries": [{"type": "Polygon", "id": "246", "arcs": [[0]]}],
            }
        },
    }
    [shape] = worldmap.decode(topology)
    assert shape.code == "FI"
    x0, y0 = worldmap.project(0, 0)
    assert shape.path.startswith(f"M{x0:.1f},{y0:.1f}") and shape.path.endswith("Z")
    assert shape.path.count("L") == 4


def test_map_degrades_to_the_table(
    settings: Any, client: Client, vera: Any, world: dict[str, Any]
) -> None:
    settings.INSIGHTS_WORLD_ATLAS = "/nonexistent/countries.json"
    worldmap.shapes.cache_clear()
    try:
        login(client, vera)
        response = client.get(f"/en/staff/insights/?year=2019&unit={world['unit'].pk}")
        assert response.context["partner_map"].svg is None
        assert "The map is not available" in response.content.decode()
        assert 'id="partner-table-table"' in response.content.decode()
    finally:
        worldmap.shapes.cache_clear()


def test_sdg_figures_count_an_activity_once_per_sdg(world: dict[str, Any]) -> None:
    a1 = world["a"][0]
    link(a1, sdg=SDGGoal.objects.get(number=13))  # SDG 13 directly and through target 13.2
    figures = queries.sdg_figures(staff(world))
    assert (figures[13].activities, figures[13].partners, figures[13].countries) == (1, 2, 2)
    assert figures[13].eu_contribution == 100_000 and figures[13].total_budget == 150_000
    assert (figures[11].activities, figures[11].partners) == (2, 3)
    assert figures[11].eu_contribution == 150_000
    assert 1 not in figures  # no SDG 1 link: no row
    assert queries.sdg_matrix(staff(world)).total(13) == 1
