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
from datetime import timedelta

from django.conf import settings
from django.db import IntegrityError, InterfaceError, OperationalError, transaction
from django.db.models import F, Q
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from audit.context import Actor, acting_as
from radar.fetch import run_fetch
from radar.models import FetchRun, Source

log = logging.getLogger(__name__)
Status = FetchRun.Status
ACTIVE = Q(status=Status.QUEUED) | Q(status=Status.RUNNING, claimed_at__isnull=False)
MAX_ATTEMPTS = 3
WORKER = "command:run_radar_queue"


class ClaimLost(Exception):
    """Another worker took the run over (this one was thought dead): stop, store nothing."""


def active_run() -> FetchRun | None:
    """The queued fetch that is waiting or running, if any."""
    return FetchRun.objects.filter(ACTIVE).order_by("id").first()


def enqueue(actor_label: str, language: str) -> tuple[FetchRun, bool]:
    """Queue a fetch unless one is queued or running: (the run, whether it is new)."""
    for _attempt in range(3):
        run = active_run()
        if run is not None:
            return run, False
        try:
            with transaction.atomic():
                run = FetchRun.objects.create(
                    source=Source.PORTAL,
                    status=Status.QUEUED,
                    actor_label=actor_label[:150],
                    language=language[:10],
                )
            return run, True
        except IntegrityError:
            continue  # a concurrent request queued one first: show that one
    raise RuntimeError("could not queue a fetch or find the queued one")


def release_stale() -> int:
    """Queue again the runs of workers that died (or fail them after MAX_ATTEMPTS)."""
    limit = timezone.now() - timedelta(seconds=settings.RADAR_QUEUE_CLAIM_TIMEOUT)
    released = 0
    for run in FetchRun.objects.filter(status=Status.RUNNING, claimed_at__lt=limit):
        mine = FetchRun.objects.filter(pk=run.pk, status=Status.RUNNING, claimed_at=run.claimed_at)
        if run.attempts >= MAX_ATTEMPTS:
            with translation.override(run.language or settings.LANGUAGE_CODE):
                error = _(
                    "The worker stopped during this fetch %(n)d times; the fetch was given up."
                ) % {"n": run.attempts}
            mine.update(status=Status.FAILED, error=error, finished_at=timezone.now())
        else:
            released += mine.update(status=Status.QUEUED, claimed_at=None, counts={})
    return released


def claim_next() -> FetchRun | None:
    """Take up the oldest queued run; None when there is none (or another worker won it)."""
    release_stale()
    queued = FetchRun.objects.filter(status=Status.QUEUED).order_by("id").first()
    if queued is None:
        return None
    now = timezone.now()
    claimed = FetchRun.objects.filter(pk=queued.pk, status=Status.QUEUED).update(
        status=Status.RUNNING, claimed_at=now, started_at=now, attempts=F("attempts") + 1
    )
    if claimed != 1:
        return None
    queued.refresh_from_db()
    return queued


class _Heartbeat:
    """The fetch's progress callback: renews the claim and shows how many calls arrived."""

    def __init__(self, run: FetchRun) -> None:
        self.run = run

    def __call__(self, received: int, expected: int | None) -> None:
        now = timezone.now()
        renewed = FetchRun.objects.filter(
            pk=self.run.pk, status=Status.RUNNING, claimed_at=self.run.claimed_at
        ).update(claimed_at=now, counts={"received": received, "expected": expected})
        if renewed != 1:
            raise ClaimLost(self.run.pk)
        self.run.claimed_at = now


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
    run = claim_next()
    if run is None:
        return None
    try:
        return execute(run)
    except ClaimLost:
        log.warning("queued radar fetch %s was taken over by another worker", run.pk)
        return None
