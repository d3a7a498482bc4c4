"""The loop of the project's workers (``deliver_mail --loop``, ``run_radar_queue --loop``).

One pass does the work and says whether the worker should look again at once (it did a
full batch) or sleep. A lost database does not end a looping worker: it says so, drops its
connections, waits and tries again; whatever it had claimed is released by the claim
timeout of its queue. Without ``loop`` a lost database is a clear command error.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from django.core.management.base import CommandError, OutputWrapper
from django.db import InterfaceError, OperationalError, close_old_connections, connections


def run(
    one_pass: Callable[[], bool], *, loop: bool, interval: float, stderr: OutputWrapper
) -> None:
    """Call ``one_pass`` once, or for ever with ``loop``; it returns True when more work is
    waiting (no sleep before the next pass)."""
    while True:
        try:
            busy = one_pass()
        except (OperationalError, InterfaceError) as exc:
            if not loop:
                raise CommandError(f"The database is unavailable: {exc}") from exc
            stderr.write(f"The database is unavailable ({exc}); retrying.")
            connections.close_all()
            time.sleep(interval)
            continue
        if not loop:
            return
        close_old_connections()
        if not busy:
            time.sleep(interval)
