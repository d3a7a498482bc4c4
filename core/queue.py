"""Work queues kept in a table: the claim and lease rules the radar's "fetch now" queue
(radar/queue.py) and the re-alignment queue (strategy/realign.py) share.

A run is a row with ``status`` (``queued``, ``running``, ``failed``), ``claimed_at``,
``attempts`` and ``language``. A worker claims the oldest queued run with a conditional
``UPDATE … WHERE status='queued'`` (``claim_oldest``): of two workers only one updates the
row, the other takes nothing, the same on SQLite and PostgreSQL (no ``SKIP LOCKED``
needed: a claim is one statement). The worker renews its claim as it goes (``renew``);
a claim not renewed for the queue's timeout belongs to a worker that died, and the run is
queued again or given up after the queue's maximum attempts (``release_stale``). Every
update after the claim matches the claim it saw (``claimed_at``), so a worker that was
thought dead cannot overwrite the run another worker took over: it gets ``ClaimLost``.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import timedelta
from typing import Any, TypeVar

from django.conf import settings
from django.db import IntegrityError, models, transaction
from django.db.models import F, QuerySet
from django.utils import timezone, translation

R = TypeVar("R", bound=models.Model)

QUEUED, RUNNING, FAILED = "queued", "running", "failed"
ENQUEUE_TRIES = 3


class ClaimLost(Exception):
    """Another worker took the run over (this one was thought dead): stop, store nothing."""


def enqueue_once(
    waiting: Callable[[], R | None], create: Callable[[], R], what: str
) -> tuple[R, bool]:
    """The run already waiting, or a new one: ``(run, whether it is new)``. A partial
    unique index on the queue's table refuses a second waiting run; a request that loses
    that race shows the run the other one queued."""
    for _attempt in range(ENQUEUE_TRIES):
        run = waiting()
        if run is not None:
            return run, False
        try:
            with transaction.atomic():
                return create(), True
        except IntegrityError:
            continue  # a concurrent request queued one first: show that one
    raise RuntimeError(f"could not queue {what} or find the queued one")


def _claim(run: models.Model) -> Any:
    return getattr(run, "claimed_at")  # noqa: B009 (every queue's run has it)


def _same_claim(run: R) -> QuerySet[R]:
    """The run, only while it is running under the claim ``run`` holds."""
    manager: models.Manager[R] = type(run)._default_manager
    return manager.filter(pk=run.pk, status=RUNNING, claimed_at=_claim(run))


def release_stale(
    model: type[R],
    timeout_seconds: float,
    max_attempts: int,
    *,
    given_up: Callable[[int], str],
    release: Callable[[QuerySet[R]], int],
) -> int:
    """Runs whose claim was not renewed for ``timeout_seconds`` (their worker died): after
    ``max_attempts`` the run fails with ``given_up(attempts)`` (in the run's language),
    otherwise ``release(run_while_unchanged)`` queues it again. Returns how many were."""
    limit = timezone.now() - timedelta(seconds=timeout_seconds)
    released = 0
    for run in model._default_manager.filter(status=RUNNING, claimed_at__lt=limit):
        mine = _same_claim(run)
        attempts: int = getattr(run, "attempts")  # noqa: B009
        if attempts >= max_attempts:
            with translation.override(getattr(run, "language") or settings.LANGUAGE_CODE):  # noqa: B009
                error = given_up(attempts)
            mine.update(status=FAILED, error=error, finished_at=timezone.now())
        else:
            released += release(mine)
    return released


def requeue(mine: QuerySet[Any], **reset: Any) -> int:
    """Queue a released run again, clearing its claim and the ``reset`` progress fields."""
    return mine.update(status=QUEUED, claimed_at=None, **reset)


def claim_oldest(model: type[R], *, stamp: tuple[str, ...] = ()) -> R | None:
    """Take up the oldest queued run (also setting the ``stamp`` fields to the time of the
    claim); None when there is none or another worker won it."""
    queued = model._default_manager.filter(status=QUEUED).order_by("id").first()
    if queued is None:
        return None
    now = timezone.now()
    claimed = model._default_manager.filter(pk=queued.pk, status=QUEUED).update(
        status=RUNNING, claimed_at=now, attempts=F("attempts") + 1, **dict.fromkeys(stamp, now)
    )
    if claimed != 1:
        return None
    queued.refresh_from_db()
    return queued


def renew(run: R, **progress: Any) -> None:
    """Renew the worker's claim on ``run``, storing ``progress``; ``ClaimLost`` when
    another worker has it now."""
    now = timezone.now()
    if _same_claim(run).update(claimed_at=now, **progress) != 1:
        raise ClaimLost(run.pk)
    setattr(run, "claimed_at", now)  # noqa: B010


def run_next(
    claim: Callable[[], R | None], execute: Callable[[R], R], log: logging.Logger, what: str
) -> R | None:
    """One pass of a worker: claim the next run and execute it; returns it when done,
    None when there was none or another worker took it over meanwhile."""
    run = claim()
    if run is None:
        return None
    try:
        return execute(run)
    except ClaimLost:
        log.warning("%s %s was taken over by another worker", what, run.pk)
        return None
