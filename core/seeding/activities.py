"""The portfolio's rows of the seed: activities with their participants, funding lines,
milestones and the goal and SDG links the team decided ("initial data")."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.utils.translation import gettext as _

from core.models import SeedRecord
from core.seeding.rows import Row, find, find_optional
from core.seeding.upsert import SeedReport, upsert
from portfolio.models import Activity, FundingLine, Milestone, Participant
from registry.models import CityUnit, Organisation
from strategy.models import AlignmentLink, Goal, SDGGoal, StrategyPeriod


def _status(row: Row, today: date) -> str:
    """The status a row gives (e.g. cancelled), else the one its dates give on ``today``."""
    if row.get("status"):
        return str(row.get("status"))
    start, end = row.get("start_date"), row.get("end_date")
    if end and end < today:
        return Activity.Status.COMPLETED
    if start and start > today:
        return Activity.Status.PLANNED
    if start or end:
        return Activity.Status.ONGOING
    raise row.fail(_("give the activity a status or dates to compute it from."))


def _links(row: Row, item: Any, report: SeedReport) -> None:
    """The goal and SDG links the team decided as part of the data: source "initial data",
    counted like confirmed links; staff may reject them (then the seed keeps off)."""
    period = find(StrategyPeriod, row, slug=row.get("goal_period", "2021-2025"))
    content_type = ContentType.objects.get_for_model(item)
    targets = [("goal", find(Goal, row, period=period, number=n)) for n in row.get("goals", [])]
    targets += [("sdg", find(SDGGoal, row, number=n)) for n in row.get("sdgs", [])]
    for name, framework in targets:
        lookup = {"content_type": content_type, "object_id": item.pk, name: framework}
        values = {
            "source": AlignmentLink.Source.SEED,
            "review_state": AlignmentLink.Review.CONFIRMED,
        }
        ident = framework.number if name == "sdg" else f"{period.slug}/{framework.number}"
        key = f"{item._meta.label_lower}/{row.get('key')}/{name}/{ident}"
        if not SeedRecord.objects.filter(model="strategy.alignmentlink", key=key).exists():
            # An engine suggestion nobody has decided on yet gives way to the team's
            # decision (a database that ran the engine before this link was seeded).
            AlignmentLink.objects.filter(
                **lookup,
                source=AlignmentLink.Source.ENGINE,
                review_state=AlignmentLink.Review.PENDING,
            ).delete()
        upsert(AlignmentLink, key, lookup, values, report)


def _activity(row: Row, report: SeedReport) -> None:
    key = row.require("key")
    values = {
        "kind": row.require("kind"),
        "status": _status(row, date.today()),
        "start_date": row.get("start_date"),
        "end_date": row.get("end_date"),
        "public": row.get("public", False),
        "website": row.get("website", ""),
        "responsible_unit": find_optional(CityUnit, row, "unit", slug=row.get("unit")),
        **row.translated("title", True),
        **row.translated("summary"),
        **row.translated("description"),
    }
    activity = upsert(Activity, key, {"slug": key}, values, report)
    if activity is None:
        return
    for part in row.get("participants", []):
        org = find(Organisation, row, slug=part.get("org"))
        role = part.get("role", "partner")
        lookup = {"activity": activity, "organisation": org, "role": role}
        upsert(Participant, f"{key}/{org.slug}/{role}", lookup, {}, report)
    for index, line in enumerate(row.get("funding", [])):
        funding = {
            "programme": str(line.get("programme", "")),
            "grant_number": str(line.get("grant_number", "")),
            "total_budget": row.money(line, "total_budget"),
            "eu_contribution": row.money(line, "eu_contribution"),
            "city_share": row.money(line, "city_share"),
        }
        lookup = {
            "activity": activity,
            "programme": funding.pop("programme"),
            "grant_number": funding.pop("grant_number"),
        }
        upsert(FundingLine, f"{key}/funding/{index}", lookup, funding, report)
    for index, step in enumerate(row.get("milestones", [])):
        done_on = step.get("done_on")
        milestone = {
            "due_date": step.get("due_on"),
            "done_date": done_on,
            "progress": 100 if step.get("done", done_on is not None) else 0,
            **Row(row.file, row.table, row.index, step).translated("title", True),
        }
        lookup = {"activity": activity, "order": index + 1}
        upsert(Milestone, f"{key}/milestone/{index}", lookup, milestone, report)
    _links(row, activity, report)
