"""Staff "fetch now" requests, run by a worker instead of inside the web request.

The request only records a ``FetchRun`` in state ``queued`` (``enqueue``); the radar worker
(``manage.py run_radar_queue --loop``, started by ``make worker``) claims it with a
conditional ``UPDATE … WHERE status='queued'`` and fetches. A partial unique index
(``radar_one_queued_fetch``) allows one queued or running run at a time, so concurrent
clicks share one run.

The worker renews its claim after every page. A worker that dies leaves its run
``running``; once the claim is older than RADAR_QUEUE_CLAIM_TIMEOUT the run is queued
again and fetched from the start (a fetch is safe to repeat), at most MAX_ATTEMPTS times.
"""

from __future__ import annotations

import logging

from django.conf import settings
from django.db import InterfaceError, OperationalError
from django.db.models import Q, QuerySet
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from audit.context import Actor, acting_as
from core import queue
from core.queue import ClaimLost
from radar.fetch import run_fetch
from radar.models import FetchRun, Source

log = logging.getLogger(__name__)
Status = FetchRun.Status
ACTIVE = Q(status=Status.QUEUED) | Q(status=Status.RUNNING, claimed_at__isnull=False)
MAX_ATTEMPTS = 3
WORKER = "command:run_radar_queue"


def active_run() -> FetchRun | None:
    """The queued fetch that is waiting or running, if any."""
    return FetchRun.objects.filter(ACTIVE).order_by("id").first()


def enqueue(actor_label: str, language: str) -> tuple[FetchRun, bool]:
    """Queue a fetch unless one is queued or running: (the run, whether it is new)."""

    def create() -> FetchRun:
        return FetchRun.objects.create(
            source=Source.PORTAL,
            status=Status.QUEUED,
            actor_label=actor_label[:150],
            language=language[:10],
        )

    return queue.enqueue_once(active_run, create, "a fetch")


def _given_up(attempts: int) -> str:
    return _("The worker stopped during this fetch %(n)d times; the fetch was given up.") % {
        "n": attempts
    }


def _requeue(mine: QuerySet[FetchRun]) -> int:
    return queue.requeue(mine, counts={})  # fetched again from the start


def release_stale() -> int:
    """Queue again the runs of workers that died (or fail them after MAX_ATTEMPTS)."""
    return queue.release_stale(
        FetchRun,
        settings.RADAR_QUEUE_CLAIM_TIMEOUT,
        MAX_ATTEMPTS,
        given_up=_given_up,
        release=_requeue,
    )


def claim_next() -> FetchRun | None:
    """Take up the oldest queued run; None when there is none (or another worker won it)."""
    release_stale()
    return queue.claim_oldest(FetchRun, stamp=("started_at",))


class _Heartbeat:
    """The fetch's progress callback: renews the claim and shows how many calls arrived."""

    def __init__(self, run: FetchRun) -> None:
        self.run = run

    def __call__(self, received: int, expected: int | None) -> None:
        queue.renew(self.run, counts={"received": received, "expected": expected})


def execute(run: FetchRun) -> FetchRun:
    """Fetch for a claimed run, in the language of the person who asked for it."""
    with (
        translation.override(run.language or settings.LANGUAGE_CODE),
        acting_as(Actor(label=WORKER)),
    ):
        try:
            return run_fetch(run=run, actor_label=run.actor_label, progress=_Heartbeat(run))
        except (OperationalError, InterfaceError, ClaimLost):
            # The database is away (the run is taken up again after the claim timeout), or
            # another worker has the run now.
            raise
        except Exception as exc:  # (anything else ends the run as failed, with the reason)
            log.exception("queued radar fetch %s failed", run.pk)
            run.status = Status.FAILED
            run.error = _("The fetch stopped because of an unexpected error: %(error)s") % {
                "error": f"{type(exc).__name__}: {exc}"[:500]
            }
            run.finished_at = timezone.now()
            run.save()
            return run


def run_next() -> FetchRun | None:
    """One pass of the worker: run the next queued fetch, if any; returns it when done."""
    return queue.run_next(claim_next, execute, log, "queued radar fetch")
