"""Read the seed TOML files and apply them, all or nothing, in one transaction."""

from __future__ import annotations

import tomllib
from collections.abc import Callable
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from core.seeding.activities import _activity
from core.seeding.rows import Row, SeedError, find, find_optional
from core.seeding.upsert import DuplicateKey, SeedReport, upsert
from registry.models import (
    CityUnit,
    NetworkMembership,
    Organisation,
    Partnership,
    TargetMarket,
    Theme,
)
from strategy.models import (
    Commitment,
    Goal,
    Pillar,
    ProgressReport,
    SDGGoal,
    SDGTarget,
    StrategyPeriod,
)

DEFAULT_SEED_DIR = Path(__file__).resolve().parent.parent / "seed"
__all__ = ["DEFAULT_SEED_DIR", "SeedError", "load_seed"]


def _sdg(row: Row, report: SeedReport) -> None:
    number = row.require("number")
    values = {**row.translated("title", True), **row.translated("description")}
    values["colour"] = row.get("colour", "")
    upsert(SDGGoal, f"sdg-{number}", {"number": number}, values, report)


def _target(row: Row, report: SeedReport) -> None:
    code = str(row.require("code"))
    goal_number = code.split(".")[0]
    goal = find(SDGGoal, row, number=int(goal_number) if goal_number.isdigit() else 0)
    values = {"goal": goal, "order": row.index, **row.translated("title", True)}
    upsert(SDGTarget, f"target-{code}", {"code": code}, values, report)


def _unit(row: Row, report: SeedReport) -> None:
    key = row.require("key")
    values = {**row.translated("name", True), "email": row.get("email", "")}
    upsert(CityUnit, key, {"slug": key}, values, report)


def _pillar(row: Row, report: SeedReport) -> None:
    key = row.require("key")
    values = {
        "order": row.get("order", 0),
        **row.translated("title", True),
        **row.translated("description"),
    }
    upsert(Pillar, key, {"slug": key}, values, report)


def _period(row: Row, report: SeedReport) -> None:
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


def _goal(row: Row, report: SeedReport) -> None:
    period = find(StrategyPeriod, row, slug=row.require("period"))
    number = row.require("number")
    values = {**row.translated("title", True), **row.translated("description")}
    values.update(row.translated("keywords"))
    pillars = [find(Pillar, row, slug=slug) for slug in row.get("pillars", [])]
    sdgs = [find(SDGGoal, row, number=n) for n in row.get("sdgs", [])]
    upsert(
        Goal,
        f"{period.slug}/{number}",
        {"period": period, "number": number},
        values,
        report,
        m2m={"pillars": pillars, "sdgs": sdgs},
    )


def _commitment(row: Row, report: SeedReport) -> None:
    key = row.require("key")
    period = find(StrategyPeriod, row, slug=row.require("period"))
    goal = find_optional(Goal, row, "goal", period=period, number=row.get("goal"))
    values = {
        "period": period,
        "goal": goal,
        "deadline": row.require("deadline"),
        **row.translated("title", True),
        **row.translated("description"),
        **row.translated("target", True),
    }
    upsert(Commitment, key, {"slug": key}, values, report)


def _report(row: Row, report: SeedReport) -> None:
    commitment = find(Commitment, row, slug=row.require("commitment"))
    reported_on = row.require("reported_on")
    values = {
        "status": row.require("status"),
        "value": row.get("value", ""),
        "source_url": row.get("source_url", ""),
        **row.translated("narrative", True),
    }
    lookup = {"commitment": commitment, "reported_on": reported_on}
    upsert(ProgressReport, f"{commitment.slug}/{reported_on}", lookup, values, report)


def _theme(row: Row, report: SeedReport) -> None:
    key = row.require("key")
    upsert(Theme, key, {"slug": key}, row.translated("name", True), report)


def _organisation(row: Row, report: SeedReport) -> None:
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


def _membership(row: Row, report: SeedReport) -> None:
    key = row.require("key")
    values = {
        "network": find(Organisation, row, slug=row.require("network")),
        "since": row.get("since"),
        "until": row.get("until"),
        "status": row.get("status", "active"),
        "responsible_unit": find_optional(CityUnit, row, "unit", slug=row.get("unit")),
        "public": row.get("public", True),
        **row.translated("role"),
        **row.translated("description"),
    }
    upsert(NetworkMembership, key, {"slug": key}, values, report)


def _partnership(row: Row, report: SeedReport) -> None:
    key = row.require("key")
    values = {
        "partner": find(Organisation, row, slug=row.require("partner")),
        "kind": row.require("kind"),
        "status": row.require("status"),
        "agreement_year": row.get("agreement_year"),
        "public": row.get("public", True),
        **row.translated("description"),
    }
    themes = [find(Theme, row, slug=slug) for slug in row.get("themes", [])]
    upsert(Partnership, key, {"slug": key}, values, report, m2m={"themes": themes})


def _market(row: Row, report: SeedReport) -> None:
    country = row.require("country")
    values = {
        "responsible_unit": find_optional(CityUnit, row, "unit", slug=row.get("unit")),
        **row.translated("description"),
    }
    upsert(TargetMarket, f"market-{country}", {"country": country}, values, report)


# Tables in the order they must be loaded (later ones refer to earlier ones).
TABLES: list[tuple[str, Callable[[Row, SeedReport], None]]] = [
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
    rows: dict[str, list[Row]] = {name: [] for name, _handler in TABLES}
    for filename, renames in FILES.items():
        data = _read(seed_dir / filename)
        for table, items in data.items():
            name = renames.get(table, table)
            if name not in rows or not isinstance(items, list):
                raise SeedError(
                    _("%(file)s has an unknown table [[%(table)s]].")
                    % {"file": filename, "table": table}
                )
            rows[name].extend(Row(filename, table, i, item) for i, item in enumerate(items))

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
