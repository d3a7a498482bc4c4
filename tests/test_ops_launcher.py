"""`make run` / `make worker`: the server and the workers start together and stop together."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from ops.management.commands.run_all import WORKERS, commands

ROOT = Path(__file__).resolve().parent.parent

# A stand-in for a worker or for runserver's autoreloader: it writes its own pid and the
# pid of a child it starts (as the autoreloader does), then runs until stopped.
CHILD = """
import os, subprocess, sys, time
grandchild = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(600)"])
with open(sys.argv[1] + ".tmp", "w") as f:
    f.write(f"{os.getpid()} {grandchild.pid}")
os.rename(sys.argv[1] + ".tmp", sys.argv[1])
time.sleep(float(sys.argv[2]))
"""

LAUNCHER = """
import sys
from ops.launcher import supervise
children = [[sys.executable, "-c", {child!r}, path, seconds] for path, seconds in {jobs!r}]
sys.exit(supervise(children, grace=5, poll=0.05))
"""


def start(tmp_path: Path, lifetimes: list[str]) -> tuple[subprocess.Popen[bytes], list[Path]]:
    files = [tmp_path / f"child{n}.pid" for n in range(len(lifetimes))]
    jobs = [(str(f), seconds) for f, seconds in zip(files, lifetimes, strict=True)]
    script = LAUNCHER.format(child=CHILD, jobs=jobs)
    launcher = subprocess.Popen([sys.executable, "-c", script], cwd=ROOT)
    for _ in range(600):  # until every child (and its own child) is running
        if all(f.exists() for f in files):
            break
        time.sleep(0.05)
    assert all(f.exists() for f in files), "the children did not start"
    return launcher, files


def pids(files: list[Path]) -> list[int]:
    return [int(pid) for f in files for pid in f.read_text().split()]


def alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    # A zombie waiting for its parent counts as ended.
    stat = Path(f"/proc/{pid}/stat")
    return not (stat.exists() and stat.read_text().split(") ", 1)[1].startswith("Z"))


def wait_until_gone(found: list[int]) -> list[int]:
    for _ in range(200):
        if not any(alive(pid) for pid in found):
            break
        time.sleep(0.05)
    return [pid for pid in found if alive(pid)]


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT])
def test_a_signal_to_the_launcher_stops_every_process_and_their_children(
    tmp_path: Path, signum: int
) -> None:
    launcher, files = start(tmp_path, ["600", "600", "600"])
    found = pids(files)
    assert len(found) == 6 and all(alive(pid) for pid in found)
    launcher.send_signal(signum)
    assert launcher.wait(timeout=30) == 0
    assert wait_until_gone(found) == []


def test_when_one_process_ends_the_others_are_stopped(tmp_path: Path) -> None:
    launcher, files = start(tmp_path, ["600", "1", "600"])
    found = pids(files)
    assert launcher.wait(timeout=60) == 1  # the early end is reported as a failure
    assert wait_until_gone(found) == []


def test_make_run_starts_the_server_and_every_worker_that_make_worker_runs() -> None:
    names = [argv[2] for argv in commands(port=8123)]
    assert names == [
        "runserver",
        "deliver_mail",
        "run_radar_queue",
        "run_realign_queue",
        "read_other_languages",
    ]
    assert commands(port=8123)[0][-1] == "127.0.0.1:8123"
    assert [argv[2:] for argv in commands(port=1, server=False)] == WORKERS
    makefile = (ROOT / "Makefile").read_text()
    assert "run_all --port $(PORT)" in makefile and "run_all --workers-only" in makefile


def test_the_site_url_follows_the_port_unless_set() -> None:
    code = "from django.conf import settings; print(settings.SITE_URL)"
    env = {k: v for k, v in os.environ.items() if k not in ("SITE_URL", "PORT")}
    env.update(DJANGO_SETTINGS_MODULE="config.settings", DEBUG="true", PORT="8123")
    run = [sys.executable, "-c", "import django; django.setup(); " + code]
    out = subprocess.run(run, cwd=ROOT, env=env, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "http://127.0.0.1:8123"
    env["SITE_URL"] = "https://international.espoo.fi/"
    out = subprocess.run(run, cwd=ROOT, env=env, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "https://international.espoo.fi"
