"""The annual, council-term and SDG (Voluntary Local Review style) reports, HTML and PDF.

``build(kind, year, language)`` collects the figures; ``render_html`` gives one
self-contained HTML document (its CSS inside, charts as inline SVG); ``render_pdf``
turns it into a tagged PDF/UA-1 with WeasyPrint (docs/insights.md says what that does
and does not make accessible). Reports carry no personal data: ideas only as counts.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db.models import Count, Q, Sum
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from insights import dashboard, queries
from insights.filters import Filters
from portfolio.models import Activity, Participant
from strategy.models import Commitment, SDGGoal, StrategyPeriod, current_goal_period

KINDS = {
    "annual": gettext_lazy("Annual report of international activity"),
    "term": gettext_lazy("Council-term report of international activity"),
    "sdg": gettext_lazy("SDG report (Voluntary Local Review)"),
}
FORMATS = ("html", "pdf")
TOP = 10  # activities listed per goal or SDG
ANNUAL_LIST_LIMIT = 5000  # the annual report's table of the year's new activities
CSS_FILE = Path(settings.BASE_DIR) / "static" / "css" / "insights.css"

# WeasyPrint's font subsetting (fontTools) logs every glyph at INFO; keep reports quiet.
logging.getLogger("fontTools").setLevel(logging.WARNING)


class ReportError(ValueError):
    """A report cannot be made from these arguments; the message says why, translated."""


def languages() -> list[str]:
    return [code for code, _name in settings.LANGUAGES]


def period_for(year: int) -> StrategyPeriod | None:
    """The strategy period with goals that covers ``year``, else the current one."""
    found = (
        StrategyPeriod.objects.filter(start_year__lte=year, end_year__gte=year, goals__isnull=False)
        .distinct()
        .order_by("-start_year")
        .first()
    )
    return found or current_goal_period()


def check(kind: str, year: int | None, language: str, fmt: str = "html") -> None:
    if kind not in KINDS:
        raise ReportError(
            _("Unknown report kind %(kind)s; choose one of: %(choices)s.")
            % {"kind": kind, "choices": ", ".join(KINDS)}
        )
    if language not in languages():
        raise ReportError(
            _("Unknown language %(language)s; choose one of: %(choices)s.")
            % {"language": language, "choices": ", ".join(languages())}
        )
    if fmt not in FORMATS:
        raise ReportError(
            _("Unknown format %(format)s; choose one of: %(choices)s.")
            % {"format": fmt, "choices": ", ".join(FORMATS)}
        )
    if year is None or not 1990 <= year <= 2100:
        raise ReportError(_("Give the year as a number between 1990 and 2100."))


@dataclass
class GoalSection:
    row: queries.GoalRow
    top: list[Activity]
    commitments: list[Commitment]


@dataclass
class SDGSection:
    sdg: SDGGoal
    activities: int
    completed: int
    partners: int
    countries: int
    eu_contribution: Any
    total_budget: Any
    top: list[Activity]
    commitments: list[Commitment]


def labelled(items: Any) -> list[Activity]:
    """The activities with ``kind_label``/``status_label`` set (``get_kind_display`` is slow
    over a thousand rows: it hashes the lazy choices on every call)."""
    kinds = {value: str(label) for value, label in Activity.Kind.choices}
    states = {value: str(label) for value, label in Activity.Status.choices}
    found = list(items)
    for item in found:
        item.kind_label = kinds.get(item.kind, item.kind)
        item.status_label = states.get(item.status, item.status)
    return found


def _top(ids: Any) -> list[Activity]:
    """The largest activities first (by budget), then the newest."""
    return labelled(
        Activity.objects.filter(pk__in=ids)
        .annotate(budget=Sum("funding__total_budget"))
        .select_related("responsible_unit")
        .order_by("-budget", "-start_date", "slug")[:TOP]
    )


def _goal_sections(filters: Filters, rows: list[queries.GoalRow]) -> list[GoalSection]:
    links = queries.confirmed_links(Activity).filter(
        object_id__in=queries.activities(filters).values("pk")
    )
    commitments = list(
        Commitment.objects.filter(period=filters.period)
        .prefetch_related("reports")
        .order_by("deadline")
    )
    return [
        GoalSection(
            row,
            _top(links.filter(goal=row.goal).values("object_id")),
            [item for item in commitments if item.goal_id == row.goal.pk],
        )
        for row in rows
    ]


def _sdg_sections(filters: Filters) -> list[SDGSection]:
    commitments = list(
        Commitment.objects.filter(period=filters.period).prefetch_related("goal__sdgs", "reports")
    )
    figures = queries.sdg_figures(filters)
    sections = []
    for sdg in SDGGoal.objects.order_by("number"):
        numbers = figures.get(sdg.number, queries.SDGFigures())
        sections.append(
            SDGSection(
                sdg=sdg,
                activities=numbers.activities,
                completed=numbers.completed,
                partners=numbers.partners,
                countries=numbers.countries,
                eu_contribution=numbers.eu_contribution,
                total_budget=numbers.total_budget,
                top=_top(queries.sdg_activity_ids(filters, sdg.number))
                if numbers.activities
                else [],
                commitments=[
                    item
                    for item in commitments
                    if item.goal and any(s.pk == sdg.pk for s in item.goal.sdgs.all())
                ],
            )
        )
    return sections


def build(kind: str, year: int, language: str, public: bool = False) -> dict[str, Any]:
    """The report's template context (call inside ``translation.override(language)``)."""
    check(kind, year, language)
    period = period_for(year)
    if kind == "annual":
        filters = Filters(period=period, year=year, public=public)
        heading = _("International activity in %(year)s") % {"year": year}
    else:
        filters = Filters(period=period, public=public)
        heading = (
            _("International activity in the council term %(first)s–%(last)s")
            % {"first": period.start_year, "last": period.end_year}
            if period
            else str(KINDS[kind])
        )
    figures = dashboard.build(filters)
    chosen = queries.activities(filters)
    context: dict[str, Any] = {
        **figures,
        "kind": kind,
        "kind_title": str(KINDS[kind]),
        "heading": heading,
        "year": year,
        "period": period,
        "language": language,
        "generated_on": date.today(),
        "public": public,
        "totals": chosen.aggregate(
            activities=Count("pk"),
            completed=Count("pk", filter=Q(status=Activity.Status.COMPLETED)),
        ),
        "partners_total": Participant.objects.filter(activity__in=chosen.values("pk"))
        .order_by()
        .aggregate(n=Count("organisation", distinct=True))["n"],
        "by_kind": _by_kind(chosen),
    }
    if kind == "sdg":
        context["sdg_sections"] = _sdg_sections(filters)
    else:
        context["goal_sections"] = _goal_sections(filters, figures["coverage"])
    if kind == "annual":
        new = chosen.filter(start_date__year=year)
        context["new_count"] = new.count()
        context["new_activities"] = labelled(
            new.select_related("responsible_unit").order_by("start_date", "slug")[
                :ANNUAL_LIST_LIMIT
            ]
        )
        context["list_limit"] = ANNUAL_LIST_LIMIT
    return context


def _by_kind(chosen: Any) -> list[tuple[str, int]]:
    counts = dict(chosen.order_by().values("kind").annotate(n=Count("pk")).values_list("kind", "n"))
    return [(str(label), counts[kind]) for kind, label in Activity.Kind.choices if counts.get(kind)]


def title_of(kind: str, year: int) -> str:
    return f"{KINDS[kind]} {year}" if kind == "annual" else str(KINDS[kind])


def render_html(
    kind: str,
    year: int,
    language: str,
    public: bool = False,
    inline_css: bool = True,
    pdf: bool = False,
) -> str:
    """The report as one HTML document; ``inline_css=False`` links the stylesheet instead
    (pages served under the Content-Security-Policy, which forbids inline styles)."""
    check(kind, year, language)
    with translation.override(language):
        context = build(kind, year, language, public)
        context["css_inline"] = inline_css
        context["pdf"] = pdf
        context["css"] = CSS_FILE.read_text(encoding="utf-8") if inline_css else ""
        return render_to_string("insights/report.html", context)


def render_pdf(kind: str, year: int, language: str, public: bool = False) -> bytes:
    from weasyprint import HTML

    html = render_html(kind, year, language, public, pdf=True)
    with translation.override(language):
        document = HTML(string=html, base_url=str(settings.BASE_DIR))
        return bytes(
            document.write_pdf(pdf_variant="pdf/ua-1", pdf_tags=True, finisher=scope_table_headers)
        )


def scope_table_headers(document: Any, pdf: Any) -> None:
    """Give every TH of the structure tree its /Scope (PDF/UA-1, Matterhorn 15-003).

    WeasyPrint links data cells to their headers but writes no /Scope on TH, though the
    HTML has scope="col" / "row". The report templates keep one rule, which this follows:
    header cells in <thead> are column headers (scope="col"), header cells in a body row
    are row headers (scope="row").
    """
    import pydyf

    by_reference = {obj.reference: obj for obj in pdf.objects if isinstance(obj, pydyf.Dictionary)}
    for obj in list(by_reference.values()):
        if obj.get("Type") != "/StructElem" or obj.get("S") != "/TH":
            continue
        row = by_reference.get(obj.get("P"))
        group = by_reference.get(row.get("P")) if row is not None else None
        in_head = group is not None and group.get("S") == "/THead"
        attributes = obj.get("A")
        if not isinstance(attributes, pydyf.Dictionary):
            attributes = obj["A"] = pydyf.Dictionary({"O": "/Table"})
        attributes["Scope"] = "/Column" if in_head else "/Row"


def filename(kind: str, year: int, language: str, fmt: str) -> str:
    return f"espoo-international-{kind}-{year}-{language}.{fmt}"
