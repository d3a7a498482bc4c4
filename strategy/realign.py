"""Re-alignment after the goals changed, run by a worker instead of inside the request.

Saving a goal or making a period current only queues a ``RealignRun`` (``enqueue``); saves
while a run still waits share it (a partial unique index allows one queued run). The realign
worker (``manage.py run_realign_queue --loop``, started by ``make worker``) claims the oldest
queued run with a conditional ``UPDATE … WHERE status='queued'`` and asks the engine again
for every activity and idea (``suggestions.suggest_for``: pending engine suggestions are
replaced, links staff decided stay), recording how far it has come after each item. A run
whose worker died is queued again once its claim is older than ``CLAIM_TIMEOUT`` (the work
is safe to repeat), at most ``MAX_ATTEMPTS`` times.
"""

from __future__ import annotations

import logging
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.db import IntegrityError, InterfaceError, OperationalError, transaction
from django.db.models import F
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from audit.context import Actor, acting_as
from strategy import suggestions
from strategy.models import RealignRun, current_goal_period

log = logging.getLogger(__name__)
Status = RealignRun.Status
CLAIM_TIMEOUT = 600  # seconds without progress after which a running claim is thought dead
MAX_ATTEMPTS = 3
WORKER = "command:run_realign_queue"


class ClaimLost(Exception):
    """Another worker took the run over: stop."""


def enqueue(actor_label: str, reason: str, language: str = "") -> RealignRun:
    """Queue a re-alignment unless one is waiting already (then that one is returned)."""
    for _attempt in range(3):
        waiting = RealignRun.objects.filter(status=Status.QUEUED).first()
        if waiting is not None:
            return waiting
        try:
            with transaction.atomic():
                return RealignRun.objects.create(
                    actor_label=actor_label[:150],
                    reason=reason[:300],
                    language=(language or translation.get_language() or "")[:10],
                )
        except IntegrityError:
            continue  # a concurrent save queued one first
    raise RuntimeError("could not queue a re-alignment or find the queued one")


def release_stale() -> int:
    limit = timezone.now() - timedelta(seconds=CLAIM_TIMEOUT)
    released = 0
    for run in RealignRun.objects.filter(status=Status.RUNNING, claimed_at__lt=limit):
        mine = RealignRun.objects.filter(
            pk=run.pk, status=Status.RUNNING, claimed_at=run.claimed_at
        )
        if run.attempts >= MAX_ATTEMPTS:
            with translation.override(run.language or settings.LANGUAGE_CODE):
                error = _("The worker stopped during this run %(n)d times; it was given up.") % {
                    "n": run.attempts
                }
            mine.update(status=Status.FAILED, error=error, finished_at=timezone.now())
        elif not RealignRun.objects.filter(status=Status.QUEUED).exists():
            released += mine.update(status=Status.QUEUED, claimed_at=None, done=0)
        else:  # a newer queued run does the same work
            mine.update(status=Status.FAILED, finished_at=timezone.now())
    return released


def claim_next() -> RealignRun | None:
    release_stale()
    queued = RealignRun.objects.filter(status=Status.QUEUED).order_by("id").first()
    if queued is None:
        return None
    claimed = RealignRun.objects.filter(pk=queued.pk, status=Status.QUEUED).update(
        status=Status.RUNNING, claimed_at=timezone.now(), attempts=F("attempts") + 1
    )
    if claimed != 1:
        return None
    queued.refresh_from_db()
    return queued


def _items() -> list[tuple[type[Any], list[int]]]:
    return [
        (model, list(model._default_manager.order_by("pk").values_list("pk", flat=True)))
        for model in suggestions.TEXT_OF
    ]


def execute(run: RealignRun) -> RealignRun:
    """Align every item again with the goals current now, recording progress."""
    with (
        translation.override(run.language or settings.LANGUAGE_CODE),
        acting_as(Actor(label=WORKER)),
    ):
        try:
            items = _items()
            total = sum(len(pks) for _model, pks in items)
            period = current_goal_period()
            RealignRun.objects.filter(pk=run.pk).update(total=total, period=period)
            done = made = 0
            for model, pks in items:
                for pk in pks:
                    item = model._default_manager.filter(pk=pk).first()
                    if item is not None:
                        made += len(suggestions.suggest_for(item))
                    done += 1
                    renewed = RealignRun.objects.filter(
                        pk=run.pk, status=Status.RUNNING, claimed_at=run.claimed_at
                    ).update(done=done, suggestions=made, claimed_at=timezone.now())
                    if renewed != 1:
                        raise ClaimLost(run.pk)
                    run.refresh_from_db(fields=["claimed_at"])
            RealignRun.objects.filter(pk=run.pk).update(
                status=Status.SUCCEEDED, finished_at=timezone.now()
            )
        except (OperationalError, InterfaceError, ClaimLost):
            raise
        except Exception as exc:  # anything else ends the run as failed, with the reason
            log.exception("re-alignment run %s failed", run.pk)
            RealignRun.objects.filter(pk=run.pk).update(
                status=Status.FAILED,
                finished_at=timezone.now(),
                error=_("The run stopped because of an unexpected error: %(error)s")
                % {"error": f"{type(exc).__name__}: {exc}"[:500]},
            )
    run.refresh_from_db()
    return run


def run_next() -> RealignRun | None:
    """One pass of the worker: run the next queued re-alignment, if any."""
    run = claim_next()
    if run is None:
        return None
    try:
        return execute(run)
    except ClaimLost:
        log.warning("re-alignment run %s was taken over by another worker", run.pk)
        return None
