"""Write fetched or imported calls: new, updated, unchanged, closed — in one transaction.

A call is known by its source and identifier (``Call.key``). A fingerprint of the values
last written tells an unchanged call from a changed one. A portal call that an earlier
fetch saw open or forthcoming and a *complete* fetch no longer lists, or whose last
deadline has passed, is marked closed. ``first_run`` tells which run first saw a call, so
"new since the last run" is ``first_run == latest run``.
"""

from __future__ import annotations

from collections import Counter
from datetime import datetime

from django.db import transaction
from django.utils import timezone

from radar.models import Call, CallDeadline, FetchRun
from radar.parse import CallData

FIELDS = (
    "call_id",
    "topic_id",
    "programme",
    "funder",
    "title",
    "description",
    "action_type",
    "opening_date",
    "deadline_model",
    "status",
    "total_budget",
    "grant_min",
    "grant_max",
    "eligibility",
    "url",
)


def _next_deadline(deadlines: list[datetime], now: datetime) -> datetime | None:
    future = [d for d in deadlines if d >= now]
    return min(future) if future else (max(deadlines) if deadlines else None)


def save_calls(
    calls: list[CallData], run: FetchRun, *, close_missing: bool = False
) -> tuple[Counter[str], list[int]]:
    """Store ``calls`` for ``run``; returns the counts and the ids of new or changed calls."""
    now = timezone.now()
    counts: Counter[str] = Counter(new=0, updated=0, unchanged=0, closed=0)
    unique = {c.key: c for c in calls}  # the last of duplicates wins
    touched: list[int] = []
    with transaction.atomic():
        existing = {c.key: c for c in Call.objects.filter(key__in=list(unique))}
        created: list[Call] = []
        for key, data in unique.items():
            fingerprint = data.fingerprint()
            values = {name: getattr(data, name) for name in FIELDS}
            values["next_deadline"] = _next_deadline(data.deadlines, now)
            call = existing.get(key)
            if call is None:
                created.append(
                    Call(
                        key=key,
                        source=data.source,
                        fingerprint=fingerprint,
                        first_seen=now,
                        last_changed=now,
                        first_run=run,
                        last_run=run,
                        **values,
                    )
                )
                counts["new"] += 1
                continue
            if call.fingerprint == fingerprint and call.status == data.status:
                counts["unchanged"] += 1
                Call.objects.filter(pk=call.pk).update(
                    last_run=run, next_deadline=values["next_deadline"]
                )
                continue
            for name, value in values.items():
                setattr(call, name, value)
            call.fingerprint = fingerprint
            call.last_changed = now
            call.last_run = run
            call.save()
            CallDeadline.objects.filter(call=call).delete()
            _add_deadlines(call, data)
            touched.append(call.pk)
            counts["updated"] += 1
        Call.objects.bulk_create(created, batch_size=500)
        fresh = {c.key: c for c in Call.objects.filter(key__in=[c.key for c in created])}
        deadlines = []
        for key, call in fresh.items():
            touched.append(call.pk)
            for stage, at in enumerate(unique[key].deadlines, start=1):
                deadlines.append(CallDeadline(call=call, stage=stage, at=at))
        CallDeadline.objects.bulk_create(deadlines, batch_size=1000)
        counts["closed"] = close_calls(now, run, unique.keys() if close_missing else None)
    return counts, touched


def _add_deadlines(call: Call, data: CallData) -> None:
    CallDeadline.objects.bulk_create(
        CallDeadline(call=call, stage=stage, at=at)
        for stage, at in enumerate(data.deadlines, start=1)
    )


def close_calls(now: datetime, run: FetchRun, seen: object | None) -> int:
    """Close calls whose deadlines are all past; with ``seen``, also portal calls not in it."""
    still = Call.objects.exclude(status=Call.Status.CLOSED)
    past = still.filter(next_deadline__lt=now)
    closed = past.update(status=Call.Status.CLOSED, last_changed=now, last_run=run)
    if seen is not None:
        gone = still.filter(source="portal").exclude(key__in=list(seen))  # type: ignore[call-overload]
        closed += gone.update(status=Call.Status.CLOSED, last_changed=now, last_run=run)
    return closed
