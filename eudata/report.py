"""The report of one import: counts per kind of record and every rejected row with its reason."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _

MAX_KEPT_REJECTIONS = 1000  # stored on the run; the total is always counted

CREATED, UPDATED, UNCHANGED = "created", "updated", "unchanged"
KEPT_EDITED, KEPT_STAFF, KEPT_DELETED = "kept_edited", "kept_staff", "kept_deleted"


@dataclass
class Report:
    counts: dict[str, Counter[str]] = field(default_factory=dict)
    rejections: list[dict[str, Any]] = field(default_factory=list)
    rejected_total: int = 0

    def add(self, what: str, outcome: str, n: int = 1) -> None:
        if n:
            self.counts.setdefault(what, Counter())[outcome] += n

    def get(self, what: str, outcome: str) -> int:
        return self.counts.get(what, Counter())[outcome]

    def reject(self, file: str, line: int, code: str, **params: Any) -> None:
        self.rejected_total += 1
        self.add("rows", "rejected")
        if len(self.rejections) < MAX_KEPT_REJECTIONS:
            self.rejections.append({"file": file, "line": line, "code": code, "params": params})

    def as_json(self) -> dict[str, dict[str, int]]:
        return {what: dict(counter) for what, counter in self.counts.items()}


def reason(code: str, params: dict[str, Any]) -> str:
    """The rejection or failure in the reader's language."""
    messages = {
        "bad_number": _("%(column)s is not a number: %(value)s"),
        "bad_date": _("%(column)s is not a date: %(value)s"),
        "bad_boolean": _("%(column)s is not true or false: %(value)s"),
        "missing_value": _("%(column)s is empty"),
        "malformed_row": _("the row does not have the columns of the header"),
        "nul_character": _("the row contains a NUL character, which is not allowed in text"),
        "unknown_project": _("project %(project)s is not in the project file"),
        "duplicate_project": _("project %(project)s appears twice; the first row was used"),
        "encoding": _("%(file)s is not UTF-8 text."),
        "unreadable": _("%(file)s cannot be read (%(detail)s)."),
        "truncated": _("%(file)s ends in the middle of the row that starts on line %(line)s."),
        "empty_file": _("%(file)s is empty."),
        "missing_columns": _("%(file)s lacks the columns: %(columns)s."),
        "missing_file": _("%(file)s has no %(role)s file."),
        "missing_sheet": _("%(file)s has no sheet named %(sheet)s."),
        "interrupted": _(
            "The import stopped before it finished, when its process ended; nothing of it "
            "was stored. Run it again."
        ),
        "internal_error": _("An unexpected error stopped the import; nothing of it was stored."),
        "too_large": _(
            "The file is larger than %(limit)s MB. Import it with the command %(command)s instead."
        ),
    }
    template = messages.get(code)
    if template is None:
        return code
    try:
        return template % params
    except (KeyError, TypeError, ValueError):
        return template


def outcome_label(outcome: str) -> str:
    labels = {
        CREATED: _("created"),
        UPDATED: _("updated"),
        UNCHANGED: _("unchanged"),
        KEPT_EDITED: _("kept (edited by staff)"),
        KEPT_STAFF: _("kept (staff's own record)"),
        KEPT_DELETED: _("not restored (deleted by staff)"),
        "read": _("read"),
        "rejected": _("rejected"),
        "skipped": _("not about Espoo"),
        "espoo": _("in Espoo"),
        "city": _("the city"),
        "candidates": _("city candidates"),
        "watched": _("watched"),
        "aligned": _("given engine suggestions"),
    }
    return str(labels.get(outcome, outcome))


def what_label(what: str) -> str:
    labels = {
        "projects": _("projects"),
        "activities": _("activities"),
        "organisations": _("organisations"),
        "rows": _("rows"),
        "participations": _("participations"),
    }
    return str(labels.get(what, what))
