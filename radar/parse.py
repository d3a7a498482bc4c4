"""Turn one search result of the portal into the radar's own description of a call.

The portal's ``metadata`` holds every field as a list of strings
(``["2026-04-29T17:00:00.000+0200"]``);
``budgetOverview`` is itself a JSON text. Fields the radar does not know are ignored; a
result without an identifier or title is skipped with a reason.
"""

from __future__ import annotations

import hashlib
import html
import json
from dataclasses import asdict, dataclass, field
from datetime import UTC, date, datetime, time
from decimal import Decimal, InvalidOperation
from typing import Any
from zoneinfo import ZoneInfo

from django.utils.html import strip_tags
from django.utils.translation import gettext as _

from radar.client import STATUS_CLOSED, STATUS_FORTHCOMING, STATUS_OPEN

TOPIC_URL = (
    "https://ec.europa.eu/info/funding-tenders/opportunities/portal/screen/opportunities/"
    "topic-details/{identifier}"
)
STATUS_CODES = {STATUS_FORTHCOMING: "forthcoming", STATUS_OPEN: "open", STATUS_CLOSED: "closed"}
# The programme, from the identifier's prefix (steadier than the portal's numeric codes).
PROGRAMMES = (
    ("HORIZON", "Horizon Europe"),
    ("DIGITAL", "Digital Europe"),
    ("LIFE", "LIFE"),
    ("CEF", "Connecting Europe Facility"),
    ("ERASMUS", "Erasmus+"),
    ("CREA", "Creative Europe"),
    ("CERV", "CERV"),
    ("EU4H", "EU4Health"),
    ("SMP", "Single Market Programme"),
    ("INNOVFUND", "Innovation Fund"),
    ("EUI", "European Urban Initiative"),
    ("I3", "Interregional Innovation Investments"),
    ("AMIF", "Asylum, Migration and Integration Fund"),
    ("ESF", "ESF+"),
)
MAX_DESCRIPTION = 20_000
# A deadline given as a date only: 17:00 Brussels time, the EU's customary closing hour
# (16:00 UTC in winter, 15:00 UTC in summer). The one place this rule lives.
DEADLINE_ZONE = ZoneInfo("Europe/Brussels")
DEADLINE_HOUR = time(17, 0)


class Skip(Exception):
    """This result cannot become a call; the message says why."""


@dataclass
class CallData:
    source: str
    call_id: str
    topic_id: str
    title: str
    programme: str = ""
    funder: str = ""
    description: str = ""
    action_type: str = ""
    opening_date: date | None = None
    deadline_model: str = ""
    deadlines: list[datetime] = field(default_factory=list)
    status: str = "open"
    total_budget: Decimal | None = None
    grant_min: Decimal | None = None
    grant_max: Decimal | None = None
    eligibility: str = ""
    url: str = ""

    @property
    def key(self) -> str:
        return f"{self.source}:{(self.topic_id or self.call_id).upper()}"

    def fingerprint(self) -> str:
        values = asdict(self)
        return hashlib.sha256(
            json.dumps(values, sort_keys=True, default=str, ensure_ascii=False).encode()
        ).hexdigest()


def first(metadata: dict[str, Any], name: str) -> str:
    value = metadata.get(name)
    if isinstance(value, list):
        value = value[0] if value else ""
    if value is None or isinstance(value, dict | list):
        return ""
    return str(value).strip()


def all_of(metadata: dict[str, Any], name: str) -> list[str]:
    value = metadata.get(name)
    if value is None:
        return []
    values = value if isinstance(value, list) else [value]
    return [str(v).strip() for v in values if isinstance(v, str | int | float) and str(v).strip()]


def date_only_deadline(day: date) -> datetime:
    """A deadline given as a date only: 17:00 Brussels time on that day, in UTC."""
    return datetime.combine(day, DEADLINE_HOUR, tzinfo=DEADLINE_ZONE).astimezone(UTC)


def parse_datetime(value: str) -> datetime | None:
    """Portal dates (``2026-04-29T17:00:00.000+0200``), ISO dates or ``2026-04-29``.

    A date alone (``2026-04-29``) means 17:00 Brussels time (:func:`date_only_deadline`);
    Python's ``fromisoformat`` would read it as midnight, so it is recognised first. A time
    without an offset is UTC.
    """
    text = value.strip()
    if not text:
        return None
    if "T" not in text and " " not in text:
        try:
            return date_only_deadline(date.fromisoformat(text))
        except ValueError:
            pass
    if len(text) >= 5 and text[-5] in "+-" and text[-4:].isdigit() and text[-3] != ":":
        text = text[:-2] + ":" + text[-2:]  # +0200 → +02:00
    text = text.replace("Z", "+00:00")
    try:
        parsed = datetime.fromisoformat(text)
    except ValueError:
        try:
            return date_only_deadline(date.fromisoformat(text[:10]))
        except ValueError:
            return None
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=UTC)
    return parsed.astimezone(UTC)


def parse_date(value: str) -> date | None:
    parsed = parse_datetime(value)
    return parsed.date() if parsed else None


def money(value: Any) -> Decimal | None:
    if value is None or value == "":
        return None
    try:
        amount = Decimal(str(value).replace(" ", "").replace(",", ""))
    except InvalidOperation:
        return None
    if not amount.is_finite() or amount < 0 or amount >= Decimal("1e12"):
        return None
    return amount.quantize(Decimal("0.01"))


def programme_of(identifier: str) -> str:
    upper = identifier.upper()
    for prefix, name in PROGRAMMES:
        if upper.startswith(prefix + "-") or upper.startswith(prefix + "_"):
            return name
    return ""


def plain(markup: str) -> str:
    text = html.unescape(strip_tags(markup.replace("<", " <")))
    return " ".join(text.split())[:MAX_DESCRIPTION]


def _budget(metadata: dict[str, Any], identifier: str) -> dict[str, Any]:
    raw = first(metadata, "budgetOverview")
    if not raw:
        return {}
    try:
        overview = json.loads(raw)
    except json.JSONDecodeError:
        return {}
    table = overview.get("budgetTopicActionMap") if isinstance(overview, dict) else None
    if not isinstance(table, dict):
        return {}
    actions = [a for rows in table.values() if isinstance(rows, list) for a in rows]
    actions = [a for a in actions if isinstance(a, dict)]
    mine = [a for a in actions if str(a.get("action", "")).upper().startswith(identifier.upper())]
    chosen = mine or (actions if len(actions) == 1 else [])
    if not chosen:
        return {}
    total = Decimal(0)
    for action in chosen:
        years = action.get("budgetYearMap")
        for amount in (years or {}).values() if isinstance(years, dict) else ():
            total += money(amount) or 0
    action = chosen[0]
    return {
        "total": total or None,
        "min": money(action.get("minContribution")),
        "max": money(action.get("maxContribution")),
        "deadlines": [d for d in action.get("deadlineDates") or [] if isinstance(d, str)],
        "model": str(action.get("deadlineModel") or ""),
        "opening": str(action.get("plannedOpeningDate") or ""),
    }


def from_portal(result: dict[str, Any], today: date) -> CallData:
    """One search result → :class:`CallData`; raises :class:`Skip` with a reason."""
    metadata = result.get("metadata")
    if not isinstance(metadata, dict):
        raise Skip(_("a result without metadata"))
    identifier = first(metadata, "identifier")
    if not identifier:
        raise Skip(_("a result without an identifier"))
    title = first(metadata, "title") or str(result.get("title") or "").strip()
    if not title:
        raise Skip(_("%(id)s has no title") % {"id": identifier})
    budget = _budget(metadata, identifier)
    deadlines = [d for d in map(parse_datetime, all_of(metadata, "deadlineDate")) if d]
    if not deadlines:
        deadlines = [d for d in map(parse_datetime, budget.get("deadlines", [])) if d]
    deadlines = sorted(set(deadlines))
    status = STATUS_CODES.get(first(metadata, "status"), "")
    opening = parse_date(first(metadata, "startDate") or budget.get("opening", ""))
    if not status:
        status = _status_by_dates(opening, deadlines, today)
    description = plain(first(metadata, "descriptionByte") or first(metadata, "description"))
    call_id = first(metadata, "callIdentifier")
    return CallData(
        source="portal",
        call_id=call_id,
        topic_id=identifier,
        title=plain(title)[:500],
        programme=programme_of(call_id or identifier) or first(metadata, "frameworkProgramme"),
        funder=_("European Commission"),
        description=description,
        action_type=", ".join(all_of(metadata, "typesOfAction"))[:200],
        opening_date=opening,
        deadline_model=(first(metadata, "deadlineModel") or budget.get("model", ""))[:30],
        deadlines=deadlines,
        status=status,
        total_budget=budget.get("total"),
        grant_min=budget.get("min"),
        grant_max=budget.get("max"),
        eligibility=plain(first(metadata, "eligibilityConditions"))[:5000],
        url=TOPIC_URL.format(identifier=identifier.lower()),
    )


def _status_by_dates(opening: date | None, deadlines: list[datetime], today: date) -> str:
    if deadlines and max(deadlines).date() < today:
        return "closed"
    if opening and opening > today:
        return "forthcoming"
    return "open"
