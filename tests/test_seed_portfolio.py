"""The seeded portfolio on the first run (issue 15): every confirmed activity with dates,
a status computed from them, partners and known money; the team's links ("initial data")
count like confirmed ones, so the public results show true figures; an unknown amount is
"not recorded", never 0 €; a repeat load keeps what staff edited."""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from django.test import Client
from django.utils import translation

from audit.context import Actor, acting_as
from core.seeding import load_seed
from insights import queries
from insights.filters import Filters
from portfolio.models import Activity, FundingLine
from strategy.models import AlignmentLink, StrategyPeriod, current_goal_period
from strategy.review import review_link

pytestmark = pytest.mark.django_db

CONFIRMED = [
    "sparcs",
    "6aika",
    "alliance",
    "fair",
    "urbact-csg",
    "netzerocities-pilot",
    "eu-mission-climate-neutral-cities",
    "eurocities-annual-conference-2022",
    "unesco-learning-city-award-2015",
    "unesco-learning-city-festival-2016",
]


def _load() -> Any:
    with acting_as(Actor(label="test")):
        return load_seed()


def test_every_confirmed_activity_is_public_with_dates_and_a_status_from_them() -> None:
    today = date.today()
    for slug in CONFIRMED:
        activity = Activity.objects.get(slug=slug)
        assert activity.public and activity.start_date, slug
        if activity.end_date and activity.end_date < today:
            assert activity.status == "completed", slug
        elif activity.start_date <= today:
            assert activity.status == "ongoing", slug
    mission = Activity.objects.get(slug="eu-mission-climate-neutral-cities")
    assert mission.status == "ongoing"
    assert [m.done_date for m in mission.milestones.order_by("order")][::2] == [
        date(2022, 4, 28),
        date(2024, 3, 21),
    ]
    csg = Activity.objects.get(slug="urbact-csg")
    assert csg.participants.get(role="coordinator").organisation.slug == "espoo"
    assert csg.funding.get().programme == "URBACT IV"


def test_unknown_amounts_stay_unknown_and_known_ones_are_kept() -> None:
    csg = FundingLine.objects.get(activity__slug="urbact-csg")
    assert csg.eu_contribution is None and csg.total_budget is None
    sparcs = FundingLine.objects.get(activity__slug="sparcs")
    assert sparcs.total_budget == Decimal("20000000") and sparcs.eu_contribution is None
    money = queries.funding(Filters(period=current_goal_period(), public=True))
    assert money.eu_total is None  # no EU contribution is recorded in the seed
    assert money.budget_total == Decimal("23000000")
    assert money.lines and money.eu_missing == money.lines
    assert any(year == 2019 and 20_000_000.0 in values for year, values in money.year_matrix)
    by_year = dict(money.year_matrix)
    assert None in by_year[2023]  # URBACT IV started in 2023, its budget not recorded


def test_the_public_results_show_true_figures_and_no_zero_for_unknown_money(
    client: Client,
) -> None:
    html = client.get("/en/insights/").content.decode()
    assert "EU contribution: not recorded." in html
    assert not re.search(r"[^0-9,.]0 €", html)  # no unknown amount shown as 0 €
    assert "20,000,000 €" in html  # SPARCS's total budget, by year
    coverage = queries.goal_coverage(Filters(period=current_goal_period(), public=True))
    assert sum(row.activities for row in coverage) > 0
    assert all(row.activities > 0 for row in coverage if row.goal.number in (4, 5, 6))
    countries = dict(queries.partner_countries(Filters(period=current_goal_period(), public=True)))
    assert {"FI", "DE", "BE"} <= set(countries)


def test_seeded_links_are_initial_data_counted_as_confirmed_and_staff_can_reject_them(
    sune: Any,
) -> None:
    links = AlignmentLink.objects.filter(source="seed")
    assert links.exists() and set(links.values_list("review_state", flat=True)) == {"confirmed"}
    assert not links.filter(reviewed_by__isnull=False).exists()  # no named person
    with translation.override("en"):
        assert str(links.first().get_source_display()) == "initial data"  # type: ignore[union-attr]
    link = links.filter(goal__isnull=False).first()
    assert link is not None
    review_link(link, "reject", sune)
    _load()
    link.refresh_from_db()
    assert link.review_state == "rejected"  # the seed does not bring it back


def test_a_repeat_load_keeps_a_staff_edit_and_updates_the_rest() -> None:
    fair = Activity.objects.get(slug="fair")
    fair.title_en = "FAIR EDIH (edited by staff)"
    fair.save()
    seeded = AlignmentLink.objects.filter(source="seed").count()
    _load()
    assert Activity.objects.get(slug="fair").title_en == "FAIR EDIH (edited by staff)"
    assert StrategyPeriod.objects.get(slug="2021-2025").is_current
    assert not StrategyPeriod.objects.get(slug="2025-2029").is_current
    assert Activity.objects.filter(slug__in=CONFIRMED).count() == len(CONFIRMED)
    assert AlignmentLink.objects.filter(source="seed").count() == seeded


def test_the_new_period_is_seeded_with_what_is_confirmed_and_is_not_current() -> None:
    period = StrategyPeriod.objects.get(slug="2025-2029")
    assert period.adopted_on == date(2025, 10, 20) and not period.is_current
    assert "1.1" in period.outline_en and "international city" in period.outline_en
    assert "curious to learn" in period.values_en
    assert period.published_url == "https://www.espoo.fi/en/espoo-story-2025-2029"
    assert not period.goals.exists()
    assert current_goal_period().slug == "2021-2025"  # type: ignore[union-attr]


def test_an_undecided_engine_suggestion_gives_way_to_a_link_new_to_the_seed() -> None:
    from core.models import SeedRecord

    link = AlignmentLink.objects.filter(source="seed", goal__isnull=False).first()
    assert link is not None
    item, goal = (link.content_type, link.object_id), link.goal
    SeedRecord.objects.filter(model="strategy.alignmentlink", object_id=str(link.pk)).delete()
    link.delete()  # as in a database seeded before the link was part of the seed
    engine = AlignmentLink.objects.create(
        content_type=item[0], object_id=item[1], goal=goal, source="engine", confidence=0.6
    )
    _load()
    now = AlignmentLink.objects.get(content_type=item[0], object_id=item[1], goal=goal)
    assert (now.source, now.review_state) == ("seed", "confirmed") and now.pk != engine.pk
