"""Read the seed TOML files and apply them, all or nothing, in one transaction."""

from __future__ import annotations

import tomllib
from collections.abc import Callable
from datetime import date
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils.translation import gettext as _

from core.seeding.upsert import DuplicateKey, SeedReport, upsert
from portfolio.models import Activity, FundingLine, Milestone, Participant
from registry.models import (
    CityUnit,
    NetworkMembership,
    Organisation,
    Partnership,
    TargetMarket,
    Theme,
)
from strategy.models import (
    AlignmentLink,
    Commitment,
    Goal,
    Pillar,
    ProgressReport,
    SDGGoal,
    SDGTarget,
    StrategyPeriod,
)

DEFAULT_SEED_DIR = Path(__file__).resolve().parent.parent / "seed"
LANGS = ("fi", "sv", "en")


class SeedError(Exception):
    """The seed data is unreadable or invalid; nothing was written."""


class _Row:
    """One table row of a seed file, with errors that say where it came from."""

    def __init__(self, file: str, table: str, index: int, data: dict[str, Any]) -> None:
        self.file, self.table, self.index, self.data = file, table, index, data

    @property
    def where(self) -> str:
        ident = self.data.get("key") or self.data.get("code") or self.data.get("number") or ""
        return f"{self.file} [[{self.table}]] #{self.index + 1} {ident}".rstrip()

    def fail(self, message: str) -> SeedError:
        return SeedError(f"{self.where}: {message}")

    def get(self, name: str, default: Any = None) -> Any:
        return self.data.get(name, default)

    def require(self, name: str) -> Any:
        if name not in self.data or self.data[name] in ("", None):
            raise self.fail(_("the value %(name)s is missing.") % {"name": name})
        return self.data[name]

    def translated(self, name: str, required: bool = False) -> dict[str, str]:
        value = self.data.get(name)
        if value is None and not required:
            return {f"{name}_{lang}": "" for lang in LANGS}
        if not isinstance(value, dict) or (required and not str(value.get("fi", "")).strip()):
            raise self.fail(
                _("%(name)s must be a table of texts with at least a Finnish (fi) text.")
                % {"name": name}
            )
        return {f"{name}_{lang}": str(value.get(lang, "")).strip() for lang in LANGS}

    def money(self, data: dict[str, Any], name: str) -> Decimal | None:
        if data.get(name) in (None, ""):
            return None
        try:
            return Decimal(str(data[name]))
        except InvalidOperation:
            raise self.fail(_("%(name)s is not an amount of euros.") % {"name": name}) from None


def _lookup(model: type[models.Model], row: _Row, **kwargs: Any) -> Any:
    obj = model._default_manager.filter(**kwargs).first()
    if obj is None:
        detail = ", ".join(f"{k}={v}" for k, v in kwargs.items())
        raise row.fail(
            _("refers to a %(model)s that does not exist (%(detail)s).")
            % {"model": model._meta.verbose_name, "detail": detail}
        )
    return obj


def _optional(model: type[models.Model], row: _Row, name: str, **kwargs: Any) -> Any:
    return _lookup(model, row, **kwargs) if row.get(name) else None


def _sdg(row: _Row, report: SeedReport) -> None:
    number = row.require("number")
    values = {**row.translated("title", True), **row.translated("description")}
    values["colour"] = row.get("colour", "")
    upsert(SDGGoal, f"sdg-{number}", {"number": number}, values, report)


def _target(row: _Row, report: SeedReport) -> None:
    code = str(row.require("code"))
    goal_number = code.split(".")[0]
    goal = _lookup(SDGGoal, row, number=int(goal_number) if goal_number.isdigit() else 0)
    values = {"goal": goal, "order": row.index, **row.translated("title", True)}
    upsert(SDGTarget, f"target-{code}", {"code": code}, values, report)


def _unit(row: _Row, report: SeedReport) -> None:
    key = row.require("key")
    values = {**row.translated("name", True), "email": row.get("email", "")}
    upsert(CityUnit, key, {"slug": key}, values, report)


def _pillar(row: _Row, report: SeedReport) -> None:
    key = row.require("key")
    values = {
        "order": row.get("order", 0),
        **row.translated("title", True),
        **row.translated("description"),
    }
    upsert(Pillar, key, {"slug": key}, values, report)


def _period(row: _Row, report: SeedReport) -> None:
    key = row.require("key")
    values = {
        "start_year": row.require("start_year"),
        "end_year": row.require("end_year"),
        "adopted_on": row.get("adopted_on"),
        "published_url": row.get("published_url", ""),
        **row.translated("title", True),
        **row.translated("description"),
        **row.translated("values"),
        **row.translated("outline"),
    }
    # Which period is current is the seed's only at first: an admin changes it.
    initial = {"is_current": bool(row.get("current", False))}
    upsert(StrategyPeriod, key, {"slug": key}, values, report, initial=initial)


def _goal(row: _Row, report: SeedReport) -> None:
    period = _lookup(StrategyPeriod, row, slug=row.require("period"))
    number = row.require("number")
    values = {**row.translated("title", True), **row.translated("description")}
    values.update(row.translated("keywords"))
    pillars = [_lookup(Pillar, row, slug=slug) for slug in row.get("pillars", [])]
    sdgs = [_lookup(SDGGoal, row, number=n) for n in row.get("sdgs", [])]
    upsert(
        Goal,
        f"{period.slug}/{number}",
        {"period": period, "number": number},
        values,
        report,
        m2m={"pillars": pillars, "sdgs": sdgs},
    )


def _commitment(row: _Row, report: SeedReport) -> None:
    key = row.require("key")
    period = _lookup(StrategyPeriod, row, slug=row.require("period"))
    goal = _optional(Goal, row, "goal", period=period, number=row.get("goal"))
    values = {
        "period": period,
        "goal": goal,
        "deadline": row.require("deadline"),
        **row.translated("title", True),
        **row.translated("description"),
        **row.translated("target", True),
    }
    upsert(Commitment, key, {"slug": key}, values, report)


def _report(row: _Row, report: SeedReport) -> None:
    commitment = _lookup(Commitment, row, slug=row.require("commitment"))
    reported_on = row.require("reported_on")
    values = {
        "status": row.require("status"),
        "value": row.get("value", ""),
        "source_url": row.get("source_url", ""),
        **row.translated("narrative", True),
    }
    lookup = {"commitment": commitment, "reported_on": reported_on}
    upsert(ProgressReport, f"{commitment.slug}/{reported_on}", lookup, values, report)


def _theme(row: _Row, report: SeedReport) -> None:
    key = row.require("key")
    upsert(Theme, key, {"slug": key}, row.translated("name", True), report)


def _organisation(row: _Row, report: SeedReport) -> None:
    key = row.require("key")
    values = {
        "kind": row.require("kind"),
        "country": row.require("country"),
        "city": row.get("city", ""),
        "website": row.get("website", ""),
        "pic": row.get("pic", ""),
        "business_id": row.get("business_id", ""),
        "vat_number": row.get("vat_number", ""),
        **row.translated("name", True),
        **row.translated("description"),
    }
    upsert(Organisation, key, {"slug": key}, values, report)


def _membership(row: _Row, report: SeedReport) -> None:
    key = row.require("key")
    values = {
        "network": _lookup(Organisation, row, slug=row.require("network")),
        "since": row.get("since"),
        "until": row.get("until"),
        "status": row.get("status", "active"),
        "responsible_unit": _optional(CityUnit, row, "unit", slug=row.get("unit")),
        "public": row.get("public", True),
        **row.translated("role"),
        **row.translated("description"),
    }
    upsert(NetworkMembership, key, {"slug": key}, values, report)


def _partnership(row: _Row, report: SeedReport) -> None:
    key = row.require("key")
    values = {
        "partner": _lookup(Organisation, row, slug=row.require("partner")),
        "kind": row.require("kind"),
        "status": row.require("status"),
        "agreement_year": row.get("agreement_year"),
        "public": row.get("public", True),
        **row.translated("description"),
    }
    themes = [_lookup(Theme, row, slug=slug) for slug in row.get("themes", [])]
    upsert(Partnership, key, {"slug": key}, values, report, m2m={"themes": themes})


def _market(row: _Row, report: SeedReport) -> None:
    country = row.require("country")
    values = {
        "responsible_unit": _optional(CityUnit, row, "unit", slug=row.get("unit")),
        **row.translated("description"),
    }
    upsert(TargetMarket, f"market-{country}", {"country": country}, values, report)


def _status(row: _Row, today: date) -> str:
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


def _links(row: _Row, item: Any, report: SeedReport) -> None:
    """The goal and SDG links the team decided as part of the data: source "initial data",
    counted like confirmed links; staff may reject them (then the seed keeps off)."""
    period = _lookup(StrategyPeriod, row, slug=row.get("goal_period", "2021-2025"))
    content_type = ContentType.objects.get_for_model(item)
    targets = [("goal", _lookup(Goal, row, period=period, number=n)) for n in row.get("goals", [])]
    targets += [("sdg", _lookup(SDGGoal, row, number=n)) for n in row.get("sdgs", [])]
    for name, framework in targets:
        lookup = {"content_type": content_type, "object_id": item.pk, name: framework}
        values = {
            "source": AlignmentLink.Source.SEED,
            "review_state": AlignmentLink.Review.CONFIRMED,
        }
        ident = framework.number if name == "sdg" else f"{period.slug}/{framework.number}"
        key = f"{item._meta.label_lower}/{row.get('key')}/{name}/{ident}"
        upsert(AlignmentLink, key, lookup, values, report)


def _activity(row: _Row, report: SeedReport) -> None:
    key = row.require("key")
    values = {
        "kind": row.require("kind"),
        "status": _status(row, date.today()),
        "start_date": row.get("start_date"),
        "end_date": row.get("end_date"),
        "public": row.get("public", False),
        "website": row.get("website", ""),
        "responsible_unit": _optional(CityUnit, row, "unit", slug=row.get("unit")),
        **row.translated("title", True),
        **row.translated("summary"),
        **row.translated("description"),
    }
    activity = upsert(Activity, key, {"slug": key}, values, report)
    if activity is None:
        return
    for part in row.get("participants", []):
        org = _lookup(Organisation, row, slug=part.get("org"))
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
            **_Row(row.file, row.table, row.index, step).translated("title", True),
        }
        lookup = {"activity": activity, "order": index + 1}
        upsert(Milestone, f"{key}/milestone/{index}", lookup, milestone, report)
    _links(row, activity, report)


# Tables in the order they must be loaded (later ones refer to earlier ones).
TABLES: list[tuple[str, Callable[[_Row, SeedReport], None]]] = [
    ("goal", _sdg),  # in sdg.toml, [[goal]] are the SDGs
    ("target", _target),
    ("unit", _unit),
    ("pillar", _pillar),
    ("period", _period),
    ("strategy_goal", _goal),
    ("commitment", _commitment),
    ("report", _report),
    ("theme", _theme),
    ("organisation", _organisation),
    ("membership", _membership),
    ("partnership", _partnership),
    ("market", _market),
    ("activity", _activity),
]
# espoo.toml names its strategy goals [[goal]]; sdg.toml names the SDGs [[goal]].
FILES = {"sdg.toml": {"goal": "goal", "target": "target"}, "espoo.toml": {"goal": "strategy_goal"}}


def _read(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as handle:
            return tomllib.load(handle)
    except FileNotFoundError:
        raise SeedError(_("The seed file %(path)s does not exist.") % {"path": path}) from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise SeedError(
            _("The seed file %(path)s is not valid TOML: %(error)s") % {"path": path, "error": exc}
        ) from None


def load_seed(seed_dir: Path = DEFAULT_SEED_DIR) -> SeedReport:
    """Load sdg.toml and espoo.toml from ``seed_dir``; all or nothing."""
    rows: dict[str, list[_Row]] = {name: [] for name, _handler in TABLES}
    for filename, renames in FILES.items():
        data = _read(seed_dir / filename)
        for table, items in data.items():
            name = renames.get(table, table)
            if name not in rows or not isinstance(items, list):
                raise SeedError(
                    _("%(file)s has an unknown table [[%(table)s]].")
                    % {"file": filename, "table": table}
                )
            rows[name].extend(_Row(filename, table, i, item) for i, item in enumerate(items))

    report = SeedReport()
    with transaction.atomic():
        for name, handler in TABLES:
            for row in rows[name]:
                try:
                    handler(row, report)
                except ValidationError as exc:
                    raise row.fail("; ".join(_messages(exc))) from None
                except DuplicateKey as exc:
                    raise row.fail(
                        _("the same record (%(key)s) appears twice in the seed data.")
                        % {"key": exc}
                    ) from None
    return report


def _messages(exc: ValidationError) -> list[str]:
    if hasattr(exc, "error_dict"):
        return [f"{field}: {' '.join(m)}" for field, m in exc.message_dict.items()]
    return list(exc.messages)
