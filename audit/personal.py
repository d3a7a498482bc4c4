"""The one audited door to personal data: each function returns the records it is given and
writes one "viewed personal data" event per record, so a page cannot show a proposer's or a
contact's details without leaving a trace. Staff views, the Django admin, attachment
downloads and the data-subject look-up read through here; nothing else writes "view" events
(tests/test_personal_reads.py checks every staff page and the source tree).

Exports that take personal data out of the system are disclosures instead
(``audit.actions.record_disclosure``).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, TypeVar

from django.db import models

from audit.actions import PERSONAL_FIELDS, model_label, record

M = TypeVar("M", bound=models.Model)


def read(instance: M, fields: Iterable[str] | None = None, *, reason: str = "") -> M:
    """``instance``, its read recorded: the personal ``fields`` shown (by default every
    personal field of its model, ``audit.actions.PERSONAL_FIELDS``) and why, if not routine."""
    shown = sorted(fields if fields is not None else PERSONAL_FIELDS.get(model_label(instance), ()))
    changes: dict[str, Any] = {"fields": shown} if shown else {}
    if reason:
        changes["reason"] = reason
    record("view", instance, changes)
    return instance


def read_each(
    instances: Iterable[M], fields: Iterable[str] | None = None, *, reason: str = ""
) -> list[M]:
    """Every record of ``instances`` (a query is run once), each read recorded."""
    wanted = list(fields) if fields is not None else None
    return [read(instance, wanted, reason=reason) for instance in instances]
