"""The figures behind the dashboards and reports, aggregated in the database.

Every figure counts only **confirmed** alignment links (engine suggestions that no
person has confirmed do not count, docs/insights.md). Queries group and count in SQL
(``values``/``annotate``); Python only arranges the few result rows, so the cost does
not grow with the number of activities beyond what the database does.

An activity counts for a span of dates (a year, or a strategy period's years) when it
runs during it, by the portfolio's one rule (``ActivityQuerySet.running_during``): it
starts before the span ends and ends after the span begins; without an end date, an
ongoing activity runs on and any other counts in the span where it starts. Activities
without a start date count only when no year or period is chosen. "Public" is
``Activity.objects.public()``.

Long because every dashboard and report figure is one short query here, so that the
confirmed-links and running-in-a-span rules above are applied in one module.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.models import (
    Count,
    F,
    Min,
    Q,
    QuerySet,
    Sum,
)
from django.db.models.functions import ExtractYear

from ideas.models import Idea, Status
from insights.filters import Filters
from portfolio.models import (
    Activity,
    FundingLine,
    Participant,
    public_condition,
    running_condition,
)
from registry.models import Organisation
from strategy.models import AlignmentLink, Commitment, Goal, SDGGoal, SDGTarget


def activity_q(filters: Filters, prefix: str = "") -> Q:
    """The chosen activities as a condition, on ``prefix`` (e.g. ``"activity__"``) so that
    related tables filter through a join rather than a long ``IN (…)`` list."""
    condition = Q()
    if filters.public:
        condition &= public_condition(prefix)
    if filters.unit:
        condition &= Q(**{f"{prefix}responsible_unit": filters.unit})
    span = filters.span()
    if span:
        condition &= running_condition(*span, prefix=prefix)
    return condition


def activity_sql(filters: Filters, alias: str = "a") -> tuple[str, list[Any]]:
    """The same condition as SQL on the activity table under ``alias`` (`` AND …``).

    It restates ``Activity.objects.public()`` and ``running_during`` for the raw queries
    of the matrices; tests/test_rules_one_place.py checks that the two agree.
    """
    parts: list[str] = []
    params: list[Any] = []
    if filters.public:
        parts.append(f"{alias}.public = %s")
        params.append(True)
    if filters.unit:
        parts.append(f"{alias}.responsible_unit_id = %s")
        params.append(filters.unit.pk)
    span = filters.span()
    if span:
        first, last = span
        parts.append(
            f"{alias}.start_date <= %s AND ({alias}.end_date >= %s OR "
            f"({alias}.end_date IS NULL AND ({alias}.status = %s OR {alias}.start_date >= %s)))"
        )
        params += [last, first, Activity.Status.ONGOING.value, first]
    return "".join(f" AND {part}" for part in parts), params


def activities(filters: Filters) -> QuerySet[Activity]:
    return Activity.objects.filter(activity_q(filters))


def ideas(filters: Filters) -> QuerySet[Idea]:
    items = Idea.objects.all()
    if filters.year:
        items = items.filter(submitted_at__year=filters.year)
    elif filters.period and filters.within_period:
        items = items.filter(
            submitted_at__year__gte=filters.period.start_year,
            submitted_at__year__lte=filters.period.end_year,
        )
    return items


def confirmed_links(model: type[Any]) -> QuerySet[AlignmentLink]:
    return AlignmentLink.objects.filter(
        review_state=AlignmentLink.Review.CONFIRMED,
        content_type=ContentType.objects.get_for_model(model),
    )


def goals(filters: Filters) -> list[Goal]:
    if not filters.period:
        return []
    return list(Goal.objects.filter(period=filters.period).order_by("number"))


# --- Goal coverage ---------------------------------------------------------------------


@dataclass
class GoalRow:
    goal: Goal
    activities: int = 0
    ideas: int = 0
    partners: int = 0
    # None: no amount recorded (unknown, never shown as 0).
    eu_contribution: Decimal | None = None
    total_budget: Decimal | None = None


def _known(value: Any) -> Decimal | None:
    """A summed amount, or None when no amount was recorded (SQL SUM of nothing)."""
    return None if value is None else Decimal(value)


_PARTNERS = (
    "COUNT(DISTINCT x.organisation_id)",
    Participant._meta.db_table,
)
_ACTIVITIES: tuple[str, str | None] = ("COUNT(DISTINCT l.object_id)", None)
_MONEY = (
    "SUM(x.eu_contribution), SUM(x.total_budget)",
    FundingLine._meta.db_table,
)


def _filtered(filters: Filters) -> bool:
    return bool(filters.public or filters.unit or filters.span())


def chosen(items: QuerySet[Any], field: str, filters: Filters) -> QuerySet[Any]:
    """``items`` whose ``field`` is one of the chosen activities (all when unfiltered).

    ``field`` is a foreign key to the activity (filtered through the join) or, for the
    generic alignment links, ``object_id`` (filtered with a subquery)."""
    if not _filtered(filters):
        return items
    if field == "object_id":
        return items.filter(object_id__in=activities(filters).values("pk"))
    return items.filter(activity_q(filters, f"{field}__"))


def _per_goal(filters: Filters, goal_ids: Iterable[int], what: tuple[str, str | None]) -> list[Any]:
    """``(goal id, aggregates…)`` over the rows of a table joined to confirmed goal links.

    The ORM has no relation from an activity to its (generic) links, so this one query is
    SQL; it runs unchanged on SQLite and PostgreSQL.
    """
    ids = list(goal_ids)
    aggregate, table = what
    link_table = AlignmentLink._meta.db_table
    params: list[Any] = [
        ContentType.objects.get_for_model(Activity).pk,
        AlignmentLink.Review.CONFIRMED.value,
        *ids,
    ]
    restrict, restrict_params = activity_sql(filters)
    params += restrict_params
    marks = ", ".join(["%s"] * len(ids))
    joined = f"JOIN {table} x ON x.activity_id = l.object_id " if table else ""
    query = (
        f"SELECT l.goal_id, {aggregate} FROM {link_table} l "  # noqa: S608 - names from models
        f"JOIN {Activity._meta.db_table} a ON a.id = l.object_id {joined}"
        f"WHERE l.content_type_id = %s AND l.review_state = %s AND l.goal_id IN ({marks})"
        f"{restrict} GROUP BY l.goal_id"
    )
    with connection.cursor() as cursor:
        cursor.execute(query, params)
        return list(cursor.fetchall())


def goal_coverage(filters: Filters) -> list[GoalRow]:
    """Per goal: activities, ideas and distinct partner organisations with a confirmed link."""
    rows = {goal.pk: GoalRow(goal) for goal in goals(filters)}
    if not rows:
        return []
    for goal_id, count in _per_goal(filters, rows.keys(), _ACTIVITIES):
        rows[goal_id].activities = count
    if not filters.public:
        idea_links = confirmed_links(Idea).filter(
            goal__in=rows.keys(), object_id__in=ideas(filters).values("pk")
        )
        for goal_id, count in (
            idea_links.order_by().values("goal").annotate(n=Count("object_id", distinct=True))
        ).values_list("goal", "n"):
            rows[goal_id].ideas = count
    # Partners and money per goal: the link table joined to participants and funding lines
    # (an activity that serves several goals counts for each), one grouped query each.
    for goal_id, partners in _per_goal(filters, rows.keys(), _PARTNERS):
        rows[goal_id].partners = partners
    for goal_id, eu, total in _per_goal(filters, rows.keys(), _MONEY):
        rows[goal_id].eu_contribution = _known(eu)
        rows[goal_id].total_budget = _known(total)
    return list(rows.values())


# --- SDG × activity kind ---------------------------------------------------------------


@dataclass
class SDGMatrix:
    sdgs: list[SDGGoal]
    kinds: list[tuple[str, str]]
    counts: dict[tuple[int, str], int]

    def row(self, number: int) -> list[int]:
        return [self.counts.get((number, kind), 0) for kind, _label in self.kinds]

    def total(self, number: int) -> int:
        return sum(self.row(number))


def sdg_matrix(filters: Filters) -> SDGMatrix:
    """Distinct activities per SDG and kind; a link to a target counts for the target's SDG."""
    link, activity = AlignmentLink._meta.db_table, Activity._meta.db_table
    sdg, target = SDGGoal._meta.db_table, SDGTarget._meta.db_table
    params: list[Any] = [
        ContentType.objects.get_for_model(Activity).pk,
        AlignmentLink.Review.CONFIRMED.value,
    ]
    restrict, restrict_params = activity_sql(filters)
    query = (
        f"SELECT COALESCE(s.number, tg.number), a.kind, COUNT(DISTINCT l.object_id) "  # noqa: S608
        f"FROM {link} l JOIN {activity} a ON a.id = l.object_id "
        f"LEFT JOIN {sdg} s ON s.id = l.sdg_id "
        f"LEFT JOIN {target} t ON t.id = l.target_id "
        f"LEFT JOIN {sdg} tg ON tg.id = t.goal_id "
        f"WHERE l.content_type_id = %s AND l.review_state = %s "
        f"AND (l.sdg_id IS NOT NULL OR l.target_id IS NOT NULL){restrict} "
        f"GROUP BY COALESCE(s.number, tg.number), a.kind"
    )
    with connection.cursor() as cursor:
        cursor.execute(query, params + restrict_params)
        counts = {(number, kind): n for number, kind, n in cursor.fetchall()}
    return SDGMatrix(
        list(SDGGoal.objects.order_by("number")),
        [(kind, str(label)) for kind, label in Activity.Kind.choices],
        counts,
    )


def _sdg_pairs(filters: Filters) -> tuple[str, list[Any]]:
    """SQL of the distinct (activity, SDG number) pairs of confirmed SDG or target links of
    the chosen activities, as a derived table ``d(activity_id, number)``."""
    link, activity = AlignmentLink._meta.db_table, Activity._meta.db_table
    sdg, target = SDGGoal._meta.db_table, SDGTarget._meta.db_table
    restrict, params = activity_sql(filters)
    sql = (
        f"(SELECT DISTINCT l.object_id AS activity_id, "  # noqa: S608 - names from models
        f"COALESCE(s.number, tg.number) AS number, a.status AS status "
        f"FROM {link} l JOIN {activity} a ON a.id = l.object_id "
        f"LEFT JOIN {sdg} s ON s.id = l.sdg_id LEFT JOIN {target} t ON t.id = l.target_id "
        f"LEFT JOIN {sdg} tg ON tg.id = t.goal_id "
        f"WHERE l.content_type_id = %s AND l.review_state = %s "
        f"AND (l.sdg_id IS NOT NULL OR l.target_id IS NOT NULL){restrict}) d"
    )
    head = [ContentType.objects.get_for_model(Activity).pk, AlignmentLink.Review.CONFIRMED.value]
    return sql, head + params


@dataclass
class SDGFigures:
    activities: int = 0
    completed: int = 0
    partners: int = 0
    countries: int = 0
    eu_contribution: Decimal | None = None  # None: not recorded
    total_budget: Decimal | None = None


def sdg_figures(filters: Filters) -> dict[int, SDGFigures]:
    """Per SDG number: activities (completed), partners and their countries, money."""
    pairs, params = _sdg_pairs(filters)
    participant, organisation = Participant._meta.db_table, Organisation._meta.db_table
    funding = FundingLine._meta.db_table
    figures: dict[int, SDGFigures] = defaultdict(SDGFigures)
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT d.number, COUNT(*), "  # noqa: S608 - names from models
            f"SUM(CASE WHEN d.status = %s THEN 1 ELSE 0 END) FROM {pairs} GROUP BY d.number",
            [Activity.Status.COMPLETED.value, *params],
        )
        for number, count, done in cursor.fetchall():
            figures[number].activities, figures[number].completed = count, int(done or 0)
        cursor.execute(
            f"SELECT d.number, COUNT(DISTINCT p.organisation_id), COUNT(DISTINCT o.country) "  # noqa: S608
            f"FROM {pairs} JOIN {participant} p ON p.activity_id = d.activity_id "
            f"JOIN {organisation} o ON o.id = p.organisation_id GROUP BY d.number",
            params,
        )
        for number, partners, countries in cursor.fetchall():
            figures[number].partners, figures[number].countries = partners, countries
        cursor.execute(
            f"SELECT d.number, SUM(f.eu_contribution), SUM(f.total_budget) "  # noqa: S608
            f"FROM {pairs} JOIN {funding} f ON f.activity_id = d.activity_id GROUP BY d.number",
            params,
        )
        for number, eu, total in cursor.fetchall():
            figures[number].eu_contribution = _known(eu)
            figures[number].total_budget = _known(total)
    return figures


def sdg_activity_ids(filters: Filters, number: int) -> QuerySet[AlignmentLink, Any]:
    return (
        chosen(confirmed_links(Activity), "object_id", filters)
        .filter(Q(sdg__number=number) | Q(target__goal__number=number))
        .values("object_id")
    )


# --- EU funding ------------------------------------------------------------------------


@dataclass
class Funding:
    """Money of the chosen activities' funding lines. An amount no line recorded is None
    (unknown, shown as "not recorded"), never 0; ``eu_missing``/``budget_missing`` count
    the lines without one."""

    by_programme: list[dict[str, Any]]
    by_year: list[dict[str, Any]]
    programmes: list[str]  # the series of the by-year chart (largest first, then "other")
    year_matrix: list[tuple[int, list[float | None]]]  # total budgets by year and programme
    eu_total: Decimal | None = None
    budget_total: Decimal | None = None
    lines: int = 0
    eu_missing: int = 0
    budget_missing: int = 0

    @property
    def empty(self) -> bool:
        return not self.by_programme


TOP_PROGRAMMES = 5


def _add(a: Decimal | None, b: Decimal | None) -> Decimal | None:
    return a if b is None else b if a is None else a + b


def funding(filters: Filters) -> Funding:
    """Funding lines of the chosen activities by programme and by the activity's start year."""
    lines = chosen(FundingLine.objects.order_by(), "activity", filters)
    by_programme = list(
        lines.values("programme")
        .annotate(
            eu=Sum("eu_contribution"),
            total=Sum("total_budget"),
            n=Count("id"),
            eu_n=Count("eu_contribution"),
            total_n=Count("total_budget"),
        )
        .order_by(F("eu").desc(nulls_last=True), F("total").desc(nulls_last=True), "programme")
    )
    rows = (
        lines.filter(activity__start_date__isnull=False)
        .annotate(year=ExtractYear("activity__start_date"))
        .values("year", "programme")
        .annotate(eu=Sum("eu_contribution"), total=Sum("total_budget"))
        .order_by("year")
    )
    top = [row["programme"] for row in by_programme[:TOP_PROGRAMMES]]
    series = top + (["…"] if len(by_programme) > TOP_PROGRAMMES else [])
    # 0 where a programme had no line that year; None where its lines recorded no budget.
    per_year: dict[int, list[float | None]] = defaultdict(lambda: [0.0] * len(series))
    known: set[tuple[int, int]] = set()
    year_totals: dict[int, dict[str, Decimal | None]] = defaultdict(
        lambda: {"eu": None, "total": None}
    )
    for row in rows:
        index = top.index(row["programme"]) if row["programme"] in top else len(series) - 1
        cells = per_year[row["year"]]
        if row["total"] is not None:
            cells[index] = (cells[index] or 0.0) + float(row["total"])
            known.add((row["year"], index))
        elif (row["year"], index) not in known:
            cells[index] = None
        year_totals[row["year"]]["eu"] = _add(year_totals[row["year"]]["eu"], row["eu"])
        year_totals[row["year"]]["total"] = _add(year_totals[row["year"]]["total"], row["total"])
    eu_total = budget_total = None
    for row in by_programme:
        eu_total, budget_total = _add(eu_total, row["eu"]), _add(budget_total, row["total"])
    count = sum(row["n"] for row in by_programme)
    return Funding(
        by_programme=by_programme,
        by_year=[{"year": year, **values} for year, values in sorted(year_totals.items())],
        programmes=series,
        year_matrix=sorted(per_year.items()),
        eu_total=eu_total,
        budget_total=budget_total,
        lines=count,
        eu_missing=count - sum(row["eu_n"] for row in by_programme),
        budget_missing=count - sum(row["total_n"] for row in by_programme),
    )


# --- Partners by country ---------------------------------------------------------------


def partner_countries(filters: Filters) -> list[tuple[str, int]]:
    """Distinct partner organisations of the chosen activities per country, most first."""
    rows = (
        chosen(Participant.objects.all(), "activity", filters)
        .order_by()
        .values("organisation__country")
        .annotate(n=Count("organisation", distinct=True))
        .values_list("organisation__country", "n")
    )
    return sorted(((code, n) for code, n in rows if code), key=lambda item: (-item[1], item[0]))


# --- Ideas -----------------------------------------------------------------------------


@dataclass
class IdeaFigures:
    funnel: list[tuple[str, str, int]]  # (state, label, count)
    answered: int
    unanswered: int
    median_days: float | None
    p90_days: float | None
    total: int = 0


def percentile(values: list[float], pct: float) -> float | None:
    """Nearest-rank percentile (the smallest value with ``pct`` % at or below it)."""
    if not values:
        return None
    ordered = sorted(values)
    rank = max(1, -(-len(ordered) * pct // 100))  # ceil
    return ordered[int(rank) - 1]


def median(values: list[float]) -> float | None:
    if not values:
        return None
    ordered = sorted(values)
    middle = len(ordered) // 2
    if len(ordered) % 2:
        return ordered[middle]
    return (ordered[middle - 1] + ordered[middle]) / 2


def idea_figures(filters: Filters) -> IdeaFigures:
    """Ideas per state, and days from receipt to the first answer sent to the proposer."""
    chosen = ideas(filters)
    counts = dict(
        chosen.order_by().values("status").annotate(n=Count("id")).values_list("status", "n")
    )
    times = list(
        chosen.annotate(first=Min("answers__sent_at"))
        .filter(first__isnull=False)
        .values_list("submitted_at", "first")
    )
    days = [_days(received, first) for received, first in times]
    total = sum(counts.values())
    return IdeaFigures(
        funnel=[(value, str(label), counts.get(value, 0)) for value, label in Status.choices],
        answered=len(days),
        unanswered=total - len(days),
        median_days=median(days),
        p90_days=percentile(days, 90),
        total=total,
    )


def _days(start: datetime, end: datetime) -> float:
    return max(0.0, (end - start).total_seconds() / 86400)


# --- Commitments -----------------------------------------------------------------------


@dataclass
class CommitmentRow:
    commitment: Commitment
    activities: int
    days_left: int


def commitments(
    filters: Filters, today: date | None = None, coverage: list[GoalRow] | None = None
) -> list[CommitmentRow]:
    """The period's commitments by deadline, with progress and the activities serving them."""
    if not filters.period:
        return []
    today = today or date.today()
    items = list(
        Commitment.objects.filter(period=filters.period)
        .select_related("goal")
        .prefetch_related("reports")
        .order_by("deadline", "slug")
    )
    if coverage is None:
        coverage = goal_coverage(filters)
    per_goal = {row.goal.pk: row.activities for row in coverage}
    return [
        CommitmentRow(
            item,
            per_goal.get(item.goal_id, 0) if item.goal_id else 0,
            (item.deadline - today).days,
        )
        for item in items
    ]
