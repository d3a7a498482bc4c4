"""Calls from other funders (Interreg, national and regional) in a CSV or JSON file.

Columns (docs/radar.md): ``call_id``, ``topic_id`` (one of the two is required),
``title`` and ``programme`` (required), ``funder``, ``description``, ``action_type``,
``opening_date`` (YYYY-MM-DD), ``deadlines`` (one or more, ``;``-separated, YYYY-MM-DD
or YYYY-MM-DDTHH:MM; a date alone means 17:00 Brussels time), ``status`` (forthcoming, open,
closed; empty: from the dates), ``total_budget``, ``grant_min``, ``grant_max`` (euros),
``eligibility``, ``url``. CSV: UTF-8 (with or without BOM), comma or semicolon. JSON: a list
of objects with the same keys (``deadlines`` may be a list).

A row with an error is reported with its line (CSV) or item number (JSON) and left out;
the good rows are imported together. A file that cannot be read at all (encoding, JSON
syntax, missing columns) changes nothing.
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass, field
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from core import textinput
from radar import matching
from radar.models import FetchRun, Source
from radar.parse import CallData, money, parse_date, parse_datetime, plain
from radar.store import save_calls

COLUMNS = (
    "call_id",
    "topic_id",
    "title",
    "programme",
    "funder",
    "description",
    "action_type",
    "opening_date",
    "deadlines",
    "status",
    "total_budget",
    "grant_min",
    "grant_max",
    "eligibility",
    "url",
)
REQUIRED = ("title", "programme")
STATUSES = ("forthcoming", "open", "closed")
MAX_ROWS = 20_000


class ImportFailed(Exception):
    """The file as a whole cannot be imported; nothing was changed."""


@dataclass
class RowError:
    line: int
    message: str


@dataclass
class Parsed:
    calls: list[CallData] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)


def read_rows(name: str, content: bytes) -> list[tuple[int, dict[str, Any]]]:
    """(line or item number, row) pairs; raises :class:`ImportFailed` for unreadable files."""
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ImportFailed(_("The file is not UTF-8 text.")) from None
    try:
        textinput.check_text(text)
    except textinput.BadText as bad:
        raise ImportFailed(str(bad)) from None
    if name.lower().endswith(".json"):
        try:
            data = textinput.loads_json(text)
        except json.JSONDecodeError as exc:
            raise ImportFailed(
                _("The file is not valid JSON (line %(line)d): %(reason)s")
                % {"line": exc.lineno, "reason": exc.msg}
            ) from None
        except textinput.BadText as bad:
            raise ImportFailed(str(bad)) from None
        if isinstance(data, dict) and isinstance(data.get("calls"), list):
            data = data["calls"]
        if not isinstance(data, list):
            raise ImportFailed(_("The JSON file must hold a list of calls."))
        rows = []
        for number, item in enumerate(data, start=1):
            rows.append((number, item if isinstance(item, dict) else {"__bad__": True}))
        return rows
    if not name.lower().endswith(".csv"):
        raise ImportFailed(_("Give a .csv or .json file."))
    sample = text[:4096]
    delimiter = ";" if sample.count(";") > sample.count(",") else ","
    reader = csv.DictReader(io.StringIO(text), delimiter=delimiter)
    headers = [h.strip().lower() for h in reader.fieldnames or []]
    missing = [c for c in REQUIRED if c not in headers]
    if "call_id" not in headers and "topic_id" not in headers:
        missing.append("call_id")
    if missing:
        raise ImportFailed(
            _("Required columns are missing: %(columns)s.") % {"columns": ", ".join(missing)}
        )
    reader.fieldnames = headers
    rows = []
    try:
        for row in reader:
            rows.append((reader.line_num, row))
    except csv.Error as exc:
        raise ImportFailed(
            _("The CSV file cannot be read (line %(line)d): %(reason)s")
            % {"line": reader.line_num, "reason": exc}
        ) from None
    return rows


def _text(row: dict[str, Any], name: str) -> str:
    value = row.get(name)
    if value is None:
        return ""
    if isinstance(value, list):
        return ";".join(str(v) for v in value)
    return str(value).strip()


def parse_row(row: dict[str, Any]) -> CallData:
    """One row → :class:`CallData`; raises ValueError with a translated reason."""
    if row.get("__bad__"):
        raise ValueError(_("not an object with call fields"))
    call_id, topic_id = _text(row, "call_id")[:200], _text(row, "topic_id")[:200]
    if not (call_id or topic_id):
        raise ValueError(_("call_id or topic_id is required"))
    title, programme = _text(row, "title"), _text(row, "programme")
    if not title:
        raise ValueError(_("the title is empty"))
    if not programme:
        raise ValueError(_("the programme is empty"))
    if len(title) > 500:
        raise ValueError(_("the title is longer than 500 characters"))
    deadlines = []
    for part in _text(row, "deadlines").replace(",", ";").split(";"):
        if part.strip():
            parsed = parse_datetime(part)
            if parsed is None:
                raise ValueError(_("“%(value)s” is not a date") % {"value": part.strip()[:40]})
            deadlines.append(parsed)
    opening = None
    if _text(row, "opening_date"):
        opening = parse_date(_text(row, "opening_date"))
        if opening is None:
            raise ValueError(_("the opening date is not a date"))
    amounts = {}
    for name in ("total_budget", "grant_min", "grant_max"):
        raw = _text(row, name)
        amounts[name] = money(raw) if raw else None
        if raw and amounts[name] is None:
            raise ValueError(
                _("%(column)s is not an amount in euros: “%(value)s”")
                % {"column": name, "value": raw[:40]}
            )
    low, high = amounts["grant_min"], amounts["grant_max"]
    if low is not None and high is not None and low > high:
        raise ValueError(_("grant_min is larger than grant_max"))
    url = _text(row, "url")
    if url and not url.startswith(("https://", "http://")):
        raise ValueError(_("the url must start with https:// or http://"))
    status = _text(row, "status").lower()
    today = timezone.localdate()
    if status and status not in STATUSES:
        raise ValueError(_("status must be one of: %(choices)s") % {"choices": ", ".join(STATUSES)})
    if not status:
        if deadlines and max(deadlines).date() < today:
            status = "closed"
        elif opening and opening > today:
            status = "forthcoming"
        else:
            status = "open"
    deadlines = sorted(set(deadlines))
    return CallData(
        source="file",
        call_id=call_id,
        topic_id=topic_id,
        title=plain(title),
        programme=programme[:200],
        funder=_text(row, "funder")[:200],
        description=plain(_text(row, "description")),
        action_type=_text(row, "action_type")[:200],
        opening_date=opening,
        deadline_model="two-stage" if len(deadlines) > 1 else ("single-stage" if deadlines else ""),
        deadlines=deadlines,
        status=status,
        total_budget=amounts["total_budget"],
        grant_min=low,
        grant_max=high,
        eligibility=plain(_text(row, "eligibility"))[:5000],
        url=url[:500],
    )


def parse_file(name: str, content: bytes) -> Parsed:
    rows = read_rows(name, content)
    if len(rows) > MAX_ROWS:
        raise ImportFailed(_("The file has more than %(max)d calls; split it.") % {"max": MAX_ROWS})
    parsed = Parsed()
    for line, row in rows:
        try:
            parsed.calls.append(parse_row(row))
        except ValueError as exc:
            parsed.errors.append(RowError(line, str(exc)))
    return parsed


def import_file(name: str, content: bytes, *, actor_label: str = "") -> FetchRun:
    """Import the good rows of the file as one run; raises ImportFailed (nothing stored)."""
    parsed = parse_file(name, content)
    if not parsed.calls:
        raise ImportFailed(
            _("No call in the file could be imported (%(errors)d rows with errors).")
            % {"errors": len(parsed.errors)}
        )
    run = FetchRun.objects.create(
        source=Source.FILE, file_name=name[-300:], actor_label=actor_label[:150]
    )
    counts, touched = save_calls(parsed.calls, run)
    if touched:
        matching.align_calls(touched)
    matches = matching.match_all()
    run.counts = {**counts, "rejected": len(parsed.errors), "matches": matches}
    run.problems = [
        _("Line %(line)d: %(reason)s") % {"line": e.line, "reason": e.message}
        for e in parsed.errors
    ]
    run.status = FetchRun.Status.SUCCEEDED
    run.finished_at = timezone.now()
    run.save()
    return run
