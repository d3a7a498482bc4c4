"""Start several processes together and stop them together (``manage.py run_all``).

``make run`` serves the site and runs the workers beside it; a proposer's mail is only
sent when the outbox worker runs. Each process starts in a session of its own, so the
launcher decides when it ends: Ctrl-C (SIGINT) or SIGTERM to the launcher, or any one
process ending, stops the whole group — every process and its children (the
development server's autoreloader runs the server in a child process) — with SIGTERM,
then SIGKILL after ``grace`` seconds.
"""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import time
from collections.abc import Sequence
from types import FrameType
from typing import TextIO


class _Stop(Exception):
    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


def _raise_stop(signum: int, frame: FrameType | None) -> None:
    raise _Stop(signum)


def _signal_group(process: subprocess.Popen[bytes], signum: int) -> None:
    with contextlib.suppress(ProcessLookupError, PermissionError):  # the group has ended
        os.killpg(process.pid, signum)


def stop_all(processes: Sequence[subprocess.Popen[bytes]], grace: float = 10.0) -> None:
    """SIGTERM to every process group, SIGKILL to what is still alive after ``grace``."""
    for process in processes:
        _signal_group(process, signal.SIGTERM)
    deadline = time.monotonic() + grace
    for process in processes:
        with contextlib.suppress(subprocess.TimeoutExpired):
            process.wait(timeout=max(deadline - time.monotonic(), 0.1))
    for process in processes:
        _signal_group(process, signal.SIGKILL)  # the children of an ended leader too
        process.wait()


def supervise(
    commands: Sequence[Sequence[str]],
    *,
    grace: float = 10.0,
    poll: float = 0.2,
    out: TextIO = sys.stderr,
) -> int:
    """Run ``commands`` until a signal or until one of them ends; then stop them all.

    Returns 0 after Ctrl-C or SIGTERM, otherwise the exit status of the process that
    ended first (1 if that was 0: the others did not ask to stop).
    """
    previous = {
        signum: signal.signal(signum, _raise_stop) for signum in (signal.SIGINT, signal.SIGTERM)
    }
    processes: list[subprocess.Popen[bytes]] = []
    names: dict[int, str] = {}
    status = 0
    try:
        for argv in commands:
            # The commands are the project's own (run_all), never user input.
            process = subprocess.Popen(list(argv), start_new_session=True)  # noqa: S603
            names[process.pid] = " ".join(argv)
            processes.append(process)
        while True:
            ended = next((p for p in processes if p.poll() is not None), None)
            if ended is not None:
                out.write(
                    f"{names[ended.pid]} ended (exit status "
                    f"{ended.returncode}); stopping the others.\n"
                )
                status = ended.returncode or 1
                break
            time.sleep(poll)
    except _Stop as stop:
        out.write(f"Signal {signal.Signals(stop.signum).name}: stopping everything.\n")
    finally:
        # A second Ctrl-C while stopping must not leave orphans behind.
        for signum in previous:
            signal.signal(signum, signal.SIG_IGN)
        stop_all(processes, grace)
        for signum, handler in previous.items():
            signal.signal(signum, handler)
    return status
