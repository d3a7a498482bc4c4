"""Run the re-alignments queued when goals were saved: one pass, or ``--loop`` as a worker."""

from __future__ import annotations

from core import worker
from strategy import realign


class Command(worker.WorkerCommand):
    help = (
        "Run the re-alignments queued when an admin saved goals or made a period current "
        "(docs/workspace.md): pending engine suggestions are replaced with suggestions for "
        "the current goals. With --loop, keep running as a worker."
    )

    def one_pass(self) -> bool:
        run = realign.run_next()
        if run is not None:
            self.stdout.write(
                f"Re-alignment {run.pk}: {run.status}, {run.done} items, "
                f"{run.suggestions} suggestions. {run.error}".rstrip()
            )
        elif not self.options["loop"]:
            self.stdout.write("No re-alignment is queued.")
        return run is not None
