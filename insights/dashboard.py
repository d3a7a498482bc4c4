"""The dashboards' content: figures from ``insights.queries`` drawn as charts."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _
from django_countries import countries

from insights import charts, queries, worldmap
from insights.charts import Chart
from insights.filters import Filters


@dataclass
class MapFigure:
    svg: Any  # SafeString, or None when the atlas is not installed
    table: Chart


def goal_chart(rows: list[queries.GoalRow], public: bool) -> Chart:
    chart = charts.bar_chart(
        "goal-coverage",
        _("Activities per goal"),
        _(
            "Number of activities with a confirmed link to each goal of the strategy period. "
            "The table also gives the partners."
        )
        if public
        else _(
            "Number of activities with a confirmed link to each goal of the strategy period. "
            "The table also gives the ideas and the partners."
        ),
        [(f"{row.goal.number}. {row.goal.title}", row.activities) for row in rows],
        _("Goal"),
        _("Activities"),
    )
    chart.columns = [_("Goal"), _("Activities")]
    if not public:
        chart.columns.append(_("Ideas"))
    chart.columns.append(_("Partners"))
    chart.rows = [
        [
            f"{row.goal.number}. {row.goal.title}",
            charts.fmt(row.activities),
            *([charts.fmt(row.ideas)] if not public else []),
            charts.fmt(row.partners),
        ]
        for row in rows
    ]
    return chart


def sdg_chart(matrix: queries.SDGMatrix) -> Chart:
    return charts.heat_matrix(
        "sdg-matrix",
        _("Activities per SDG and kind of activity"),
        _(
            "A grid of the 17 Sustainable Development Goals against the kinds of activity; "
            "each cell gives the number of activities with a confirmed link to the SDG or one "
            "of its targets. Darker cells have more activities."
        ),
        [f"{sdg.number}. {sdg.title}" for sdg in matrix.sdgs],
        _("SDG"),
        [str(label) for _kind, label in matrix.kinds],
        [matrix.row(sdg.number) for sdg in matrix.sdgs],
    )


def _amount(value: Any) -> float | None:
    return None if value is None else float(value)


def funding_charts(money: queries.Funding) -> tuple[Chart, Chart]:
    """EU contribution by programme, total budgets by year; an amount no funding line
    recorded reads "not recorded", never 0 €."""
    by_programme = charts.bar_chart(
        "funding-programme",
        _("EU contribution by programme"),
        _(
            "EU contribution in euros to the chosen activities, by funding programme; "
            "“not recorded” where no funding line of the programme gives the amount."
        ),
        [(row["programme"], _amount(row["eu"])) for row in money.by_programme],
        _("Programme"),
        _("EU contribution (€)"),
        unit=" €",
    )
    by_programme.columns = [
        _("Programme"),
        _("Funding lines"),
        _("EU contribution (€)"),
        _("Total budget (€)"),
    ]
    by_programme.rows = [
        [
            row["programme"],
            charts.fmt(row["n"]),
            charts.money(row["eu"], ""),
            charts.money(row["total"], ""),
        ]
        for row in money.by_programme
    ]
    series = [name if name != "…" else _("other programmes") for name in money.programmes]
    by_year = charts.stacked_bar_chart(
        "funding-year",
        _("Total budgets by year"),
        _(
            "Total budgets in euros of the chosen activities by the year the activity started, "
            "split by programme (the largest programmes, the rest together); “not recorded” "
            "where the programme's lines of that year give no budget."
        ),
        [str(year) for year, _values in money.year_matrix],
        _("Year"),
        series,
        [values for _year, values in money.year_matrix],
        unit=" €",
    )
    return by_programme, by_year


def goal_funding_chart(rows: list[queries.GoalRow]) -> Chart:
    chart = charts.bar_chart(
        "funding-goal",
        _("EU contribution by goal"),
        _(
            "EU contribution in euros to activities with a confirmed link to each goal; an "
            "activity that serves several goals counts for each; “not recorded” where no "
            "funding line gives the amount."
        ),
        [(f"{row.goal.number}. {row.goal.title}", _amount(row.eu_contribution)) for row in rows],
        _("Goal"),
        _("EU contribution (€)"),
        unit=" €",
    )
    chart.columns = [_("Goal"), _("EU contribution (€)"), _("Total budget (€)")]
    chart.rows = [
        [
            f"{row.goal.number}. {row.goal.title}",
            charts.money(row.eu_contribution, ""),
            charts.money(row.total_budget, ""),
        ]
        for row in rows
    ]
    return chart


def partner_map(rows: list[tuple[str, int]]) -> MapFigure:
    title = _("Partner organisations by country")
    description = _(
        "A world map where each country is shaded by the number of distinct partner "
        "organisations in the chosen activities; darker means more. %(count)s countries."
    ) % {"count": len(rows)}
    svg = worldmap.world_map("partner-map", title, description, dict(rows), _("Partners"))
    table = charts.Chart(
        "partner-table",
        title,
        description,
        charts.mark_safe(""),
        [_("Country"), _("Partner organisations")],
        [[str(countries.name(code)) or code, charts.fmt(n)] for code, n in rows],
    )
    return MapFigure(svg, table)


def idea_chart(figures: queries.IdeaFigures) -> Chart:
    return charts.bar_chart(
        "ideas-funnel",
        _("Cooperation ideas by state"),
        _("How many of the ideas received are in each state of the triage."),
        [(label, count) for _state, label, count in figures.funnel],
        _("State"),
        _("Ideas"),
    )


def commitment_chart(rows: list[queries.CommitmentRow]) -> Chart:
    chart = charts.bar_chart(
        "commitments",
        _("Progress of the commitments"),
        _(
            "Reported progress in per cent of each commitment of the period, by deadline; a "
            "commitment without a reported figure says “not recorded”."
        ),
        [
            (
                f"{row.commitment.deadline.year}: {row.commitment.title}",
                row.commitment.progress,
            )
            for row in rows
        ],
        _("Commitment"),
        _("Progress"),
        unit=" %",
        maximum=100,
    )
    chart.columns = [
        _("Commitment"),
        _("Deadline"),
        _("Progress"),
        _("Activities serving its goal"),
    ]
    chart.rows = [
        [
            str(row.commitment.title),
            row.commitment.deadline.isoformat(),
            (
                f"{row.commitment.progress} %"
                if row.commitment.progress is not None
                else _("not recorded")
            ),
            charts.fmt(row.activities),
        ]
        for row in rows
    ]
    return chart


def build(filters: Filters) -> dict[str, Any]:
    """Everything a dashboard shows for ``filters``."""
    coverage = queries.goal_coverage(filters)
    money = queries.funding(filters)
    by_programme, by_year = funding_charts(money)
    countries_rows = queries.partner_countries(filters)
    idea_figures = queries.idea_figures(filters)
    commitment_rows = queries.commitments(filters, coverage=coverage)
    return {
        "filters": filters,
        "coverage": coverage,
        "goal_chart": goal_chart(coverage, filters.public),
        "sdg_chart": sdg_chart(queries.sdg_matrix(filters)),
        "funding": money,
        "funding_programme_chart": by_programme,
        "funding_year_chart": by_year,
        "funding_goal_chart": goal_funding_chart(coverage),
        "partner_countries": countries_rows,
        "partner_map": partner_map(countries_rows),
        "ideas": idea_figures,
        "idea_chart": idea_chart(idea_figures),
        "commitments": commitment_rows,
        "commitment_chart": commitment_chart(commitment_rows),
    }
