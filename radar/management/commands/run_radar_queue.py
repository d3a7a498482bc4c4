"""Run the fetches staff queued with "fetch now": one pass, or ``--loop`` as a worker."""

from __future__ import annotations

from core import worker
from radar import queue


class Command(worker.WorkerCommand):
    help = (
        'Run the fetches of calls that staff queued with "fetch now" (docs/radar.md). '
        "A fetch whose worker died is taken up again after RADAR_QUEUE_CLAIM_TIMEOUT. "
        "With --loop, keep running as a worker."
    )

    def one_pass(self) -> bool:
        run = queue.run_next()
        if run is not None:
            self.stdout.write(f"Fetch {run.pk}: {run.status}. {run.error}".rstrip())
        elif not self.options["loop"]:
            self.stdout.write("No fetch is queued.")
        # Another queued fetch may wait. A run claimed by a worker that lost the
        # database is queued again after RADAR_QUEUE_CLAIM_TIMEOUT and fetched then.
        return run is not None
