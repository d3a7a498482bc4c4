"""Batched inserts that still leave the audit trail complete.

``bulk_create`` skips the save signals, so the audit trail's own signal handlers (and the
per-save alignment suggestions) do not run. Imports write thousands of records, so they
insert in batches and record one audit "create" event per record here, with the same
content the signal handler would have written. Engine suggestions for imported
activities are asked for explicitly afterwards (``suggest_for_activities``).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TypeVar

from django.db import models

from audit.actions import masked, model_label, snapshot
from audit.context import current_actor
from audit.models import AuditEvent

M = TypeVar("M", bound=models.Model)
BATCH = 500


def create_audited(
    model: type[M], objs: Sequence[M], reprs: Sequence[str] | None = None
) -> list[M]:
    """Insert ``objs`` in batches and record a "create" audit event for each."""
    if not objs:
        return []
    created = model._default_manager.bulk_create(objs, batch_size=BATCH)
    actor = current_actor()
    events = []
    for n, obj in enumerate(created):
        label = model_label(obj)
        changes = {
            k: [None, masked(label, k, v)] for k, v in snapshot(obj).items() if v not in (None, "")
        }
        events.append(
            AuditEvent(
                actor=actor.user,
                actor_label=actor.label[:150],
                ip_address=actor.ip_address,
                action=AuditEvent.Action.CREATE,
                model=label,
                object_id=str(obj.pk),
                object_repr=(reprs[n] if reprs else str(obj))[:300],
                changes=changes,
            )
        )
    AuditEvent.objects.bulk_create(events, batch_size=BATCH)
    return created


def suggest_for_activities(activity_ids: Sequence[int]) -> int:
    """Ask the alignment engine for suggestions on these activities; returns how many."""
    from portfolio.models import Activity
    from strategy import suggestions

    done = 0
    for activity in Activity.objects.filter(pk__in=list(activity_ids)).iterator():
        suggestions.suggest_for(activity)
        done += 1
    return done
