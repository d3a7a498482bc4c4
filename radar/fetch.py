"""One fetch from the portal: ask, read, store, align, match — recorded as a FetchRun."""

from __future__ import annotations

from collections.abc import Callable

from django.utils import timezone
from django.utils.translation import gettext as _

from radar import matching
from radar.client import PortalClient, PortalError
from radar.models import FetchRun, Source
from radar.parse import CallData, Skip, from_portal
from radar.store import save_calls

MAX_PROBLEMS = 200


def run_fetch(
    client: PortalClient | None = None,
    *,
    run: FetchRun | None = None,
    actor_label: str = "",
    match: bool = True,
    progress: Callable[[int, int | None], None] | None = None,
) -> FetchRun:
    """Fetch every open and forthcoming call; a failure stores nothing but the failed run.

    ``run``: a queued run a worker has claimed (``radar.queue``); without it a new run is
    recorded (the scheduled command).
    """
    if run is None:
        run = FetchRun.objects.create(source=Source.PORTAL, actor_label=actor_label[:150])
    client = client or PortalClient(progress=progress)
    try:
        fetched = client.fetch()
    except PortalError as exc:
        run.status = FetchRun.Status.FAILED
        run.error = str(exc)
        run.finished_at = timezone.now()
        run.save()
        return run
    today = timezone.localdate()
    calls: list[CallData] = []
    problems = list(fetched.problems)
    skipped = 0
    for number, result in enumerate(fetched.results, start=1):
        try:
            calls.append(from_portal(result, today))
        except Skip as exc:
            skipped += 1
            problems.append(_("Result %(n)d skipped: %(reason)s") % {"n": number, "reason": exc})
    counts, touched = save_calls(calls, run, close_missing=fetched.complete)
    counts_dict = {
        **counts,
        "received": len(fetched.results),
        "skipped": skipped,
        "pages": fetched.pages,
        "retries": fetched.retries,
    }
    if touched:
        matching.align_calls(touched)
    if match:
        counts_dict["matches"] = matching.match_all()
    run.counts = counts_dict
    run.problems = problems[:MAX_PROBLEMS]
    run.status = FetchRun.Status.SUCCEEDED
    run.finished_at = timezone.now()
    run.save()
    return run


def latest_run() -> FetchRun | None:
    return FetchRun.objects.filter(status=FetchRun.Status.SUCCEEDED).order_by("-id").first()
