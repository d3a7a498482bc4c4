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
from typing import Any

from django.conf import settings
from django.db import InterfaceError, OperationalError
from django.db.models import QuerySet
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from audit.context import Actor, acting_as
from core import queue
from core.queue import ClaimLost
from strategy import suggestions
from strategy.models import RealignRun, current_goal_period

log = logging.getLogger(__name__)
Status = RealignRun.Status
CLAIM_TIMEOUT = 600  # seconds without progress after which a running claim is thought dead
MAX_ATTEMPTS = 3
WORKER = "command:run_realign_queue"


def _waiting() -> RealignRun | None:
    return RealignRun.objects.filter(status=Status.QUEUED).first()


def enqueue(actor_label: str, reason: str, language: str = "") -> RealignRun:
    """Queue a re-alignment unless one is waiting already (then that one is returned)."""

    def create() -> RealignRun:
        return RealignRun.objects.create(
            actor_label=actor_label[:150],
            reason=reason[:300],
            language=(language or translation.get_language() or "")[:10],
        )

    return queue.enqueue_once(_waiting, create, "a re-alignment")[0]


def _given_up(attempts: int) -> str:
    return _("The worker stopped during this run %(n)d times; it was given up.") % {"n": attempts}


def _release(mine: QuerySet[RealignRun]) -> int:
    if _waiting() is None:
        return queue.requeue(mine, done=0)
    mine.update(status=Status.FAILED, finished_at=timezone.now())  # a newer run does the work
    return 0


def release_stale() -> int:
    return queue.release_stale(
        RealignRun, CLAIM_TIMEOUT, MAX_ATTEMPTS, given_up=_given_up, release=_release
    )


def claim_next() -> RealignRun | None:
    release_stale()
    return queue.claim_oldest(RealignRun)


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
                    queue.renew(run, done=done, suggestions=made)
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
    return queue.run_next(claim_next, execute, log, "re-alignment run")
