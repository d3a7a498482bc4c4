"""Create or update one seeded record without ever overwriting staff edits.

The rule: every seeded record is remembered in ``SeedRecord`` with the values the
seed wrote (normalised to JSON).

* not seeded before, and no such record exists → create it;
* not seeded before, but a record with the same natural key exists (staff made
  it) → leave it alone;
* seeded before, and its current values still equal what the seed wrote → update
  it to the seed's values (nothing happens when they are the same); a field the
  seed did not write before (a new seed field) does not count as a staff edit;
* seeded before, but staff have since changed it → leave it alone;
* seeded before, but staff have deleted it → do not bring it back.
"""

from __future__ import annotations

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


def normalised(values: dict[str, Any], m2m: dict[str, list[Any]]) -> dict[str, Any]:
    data = {k: _normalise(v) for k, v in values.items()}
    data.update({k: _normalise(v) for k, v in m2m.items()})
    return data


def _current(obj: models.Model, names: list[str]) -> dict[str, Any]:
    """The record's present values of ``names`` (fields or many-to-many), normalised."""
    current: dict[str, Any] = {}
    for name in names:
        f = obj._meta.get_field(name)
        if f.many_to_many:
            current[name] = _normalise(list(getattr(obj, name).all()))
        else:
            current[name] = _normalise(getattr(obj, getattr(f, "attname", name)))
    return current


def upsert(
    model: type[models.Model],
    key: str,
    lookup: dict[str, Any],
    values: dict[str, Any],
    report: SeedReport,
    m2m: dict[str, list[Any]] | None = None,
    initial: dict[str, Any] | None = None,
) -> models.Model | None:
    """Apply one seed row; returns the record, or None when staff deleted it.

    ``initial`` values are set only when the record is created and are not the seed's
    to keep (e.g. which strategy period is current: an admin changes that)."""
    m2m = m2m or {}
    label = model._meta.label_lower
    if (label, key) in report.seen:
        raise DuplicateKey(key)
    report.seen.add((label, key))
    seeded = normalised(values, m2m)
    record = SeedRecord.objects.filter(model=label, key=key).first()

    if record is None:
        existing = model._default_manager.filter(**lookup).first()
        if existing is not None:
            report.add(model, KEPT_STAFF)
            return existing
        obj = model(**lookup, **values, **(initial or {}))
        _save(obj, m2m)
        SeedRecord.objects.create(model=label, key=key, object_id=str(obj.pk), values=seeded)
        report.add(model, CREATED)
        return obj

    stored = model._default_manager.filter(pk=record.object_id).first()
    if stored is None:
        report.add(model, KEPT_DELETED)
        return None
    obj = stored
    if _current(obj, list(record.values)) != record.values:
        report.add(model, KEPT_EDITED)
        return obj
    if seeded == record.values:
        report.add(model, UNCHANGED)
        return obj
    for name, value in values.items():
        setattr(obj, name, value)
    _save(obj, m2m)
    record.values = seeded
    record.save(update_fields=["values", "loaded_at"])
    report.add(model, UPDATED)
    return obj


def _save(obj: models.Model, m2m: dict[str, list[Any]]) -> None:
    obj.full_clean()
    obj.save()
    for name, related in m2m.items():
        getattr(obj, name).set(related)
