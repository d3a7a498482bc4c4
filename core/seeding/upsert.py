"""Create or update one seeded record without ever overwriting staff edits.

The rule: every seeded record is remembered in ``SeedRecord`` with a fingerprint
of the values the seed wrote.

* not seeded before, and no such record exists → create it;
* not seeded before, but a record with the same natural key exists (staff made
  it) → leave it alone;
* seeded before, and its current values still match the fingerprint → update it
  to the seed's values (nothing happens when they are the same);
* seeded before, but staff have since changed it → leave it alone;
* seeded before, but staff have deleted it → do not bring it back.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db import models

from core.models import SeedRecord

CREATED, UPDATED, UNCHANGED, KEPT_EDITED, KEPT_STAFF, KEPT_DELETED = (
    "created",
    "updated",
    "unchanged",
    "kept staff edits",
    "kept staff record",
    "kept deleted",
)


class DuplicateKey(Exception):
    """The same record appears twice in one load."""


@dataclass
class SeedReport:
    counts: dict[str, Counter[str]] = field(default_factory=dict)
    seen: set[tuple[str, str]] = field(default_factory=set)

    def add(self, model: type[models.Model], outcome: str) -> None:
        self.counts.setdefault(model._meta.verbose_name_plural.__str__(), Counter())[outcome] += 1

    def lines(self) -> list[str]:
        return [
            f"{name}: " + ", ".join(f"{n} {outcome}" for outcome, n in sorted(counter.items()))
            for name, counter in self.counts.items()
        ]


def _normalise(value: Any) -> Any:
    if isinstance(value, models.Model):
        return value.pk
    if isinstance(value, Decimal):
        return str(value.normalize())
    if isinstance(value, (list, tuple, set)):
        return sorted(_normalise(v) for v in value)
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    return str(value)


def fingerprint(values: dict[str, Any], m2m: dict[str, list[Any]]) -> str:
    data = {k: _normalise(v) for k, v in values.items()}
    data.update({k: _normalise(v) for k, v in m2m.items()})
    blob = json.dumps(data, sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(blob.encode()).hexdigest()


def _current(obj: models.Model, values: dict[str, Any], m2m: dict[str, list[Any]]) -> str:
    current = {}
    for name in values:
        f = obj._meta.get_field(name)
        attname = getattr(f, "attname", name)
        current[name] = getattr(obj, attname)
    related = {name: list(getattr(obj, name).all()) for name in m2m}
    return fingerprint(current, related)


def upsert(
    model: type[models.Model],
    key: str,
    lookup: dict[str, Any],
    values: dict[str, Any],
    report: SeedReport,
    m2m: dict[str, list[Any]] | None = None,
) -> models.Model | None:
    """Apply one seed row; returns the record, or None when staff deleted it."""
    m2m = m2m or {}
    label = model._meta.label_lower
    if (label, key) in report.seen:
        raise DuplicateKey(key)
    report.seen.add((label, key))
    seeded = fingerprint(values, m2m)
    record = SeedRecord.objects.filter(model=label, key=key).first()

    if record is None:
        existing = model._default_manager.filter(**lookup).first()
        if existing is not None:
            report.add(model, KEPT_STAFF)
            return existing
        obj = model(**lookup, **values)
        _save(obj, m2m)
        SeedRecord.objects.create(model=label, key=key, object_id=str(obj.pk), fingerprint=seeded)
        report.add(model, CREATED)
        return obj

    stored = model._default_manager.filter(pk=record.object_id).first()
    if stored is None:
        report.add(model, KEPT_DELETED)
        return None
    obj = stored
    if _current(obj, values, m2m) != record.fingerprint:
        report.add(model, KEPT_EDITED)
        return obj
    if seeded == record.fingerprint:
        report.add(model, UNCHANGED)
        return obj
    for name, value in values.items():
        setattr(obj, name, value)
    _save(obj, m2m)
    record.fingerprint = seeded
    record.save(update_fields=["fingerprint", "loaded_at"])
    report.add(model, UPDATED)
    return obj


def _save(obj: models.Model, m2m: dict[str, list[Any]]) -> None:
    obj.full_clean()
    obj.save()
    for name, related in m2m.items():
        getattr(obj, name).set(related)
