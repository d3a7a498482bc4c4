"""Request counters and a latency histogram shared by every process of the app, and the
Prometheus text exposition of them plus the database-backed figures (outbox backlog, last
import runs).

The request figures are prometheus_client metrics in its multiprocess mode: each process
(every gunicorn worker, each process ``run_all`` starts) writes its own memory-mapped file
in ``PROMETHEUS_MULTIPROC_DIR`` (set by the settings, ``var/prometheus`` unless given), and
a scrape of any one process sums them all, so the counts no longer depend on which worker
answers. The directory is emptied when gunicorn or ``run_all`` starts (``start_run``);
gunicorn's ``child_exit`` hook and each process's exit drop the start-time gauge of a
process that has ended. The database figures are read at each scrape.
"""

from __future__ import annotations

import atexit
import os
import threading
import time
from collections.abc import Iterable
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db.models import Count, Max, Min
from prometheus_client import (
    CollectorRegistry,
    Counter,
    Gauge,
    Histogram,
    generate_latest,
    multiprocess,
    values,
)

BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0)
_METHODS = {"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"}
STARTED = time.time()


def _forked() -> None:
    global STARTED
    STARTED = time.time()  # a gunicorn worker forked from a master that imported this module


os.register_at_fork(after_in_child=_forked)


def directory() -> Path:
    return Path(os.environ.get("PROMETHEUS_MULTIPROC_DIR") or settings.PROMETHEUS_MULTIPROC_DIR)


if not getattr(values.ValueClass, "_multiprocess", False):
    # prometheus_client picks its mode when first imported, from the environment.
    raise ImproperlyConfigured(
        "prometheus_client was imported before PROMETHEUS_MULTIPROC_DIR was set "
        "(config/settings.py sets it)."
    )
directory().mkdir(parents=True, exist_ok=True)


def start_run() -> None:
    """Empty the directory before a new group of processes starts (gunicorn, run_all)."""
    folder = directory()
    folder.mkdir(parents=True, exist_ok=True)
    for path in folder.glob("*.db"):
        path.unlink(missing_ok=True)


def process_ended(pid: int) -> None:
    """Forget an ended process's live gauges (its counters keep counting in the sums)."""
    multiprocess.mark_process_dead(pid, str(directory()))


def _metrics() -> tuple[Counter, Histogram, Gauge]:
    requests = Counter(
        "ie_http_requests_total",
        "HTTP requests answered by the app, all processes together.",
        ["method", "status"],
        registry=None,
    )
    latency = Histogram(
        "ie_http_request_duration_seconds",
        "Time from the request reaching the app to its response, all processes together.",
        buckets=BUCKETS,
        registry=None,
    )
    started = Gauge(
        "ie_process_start_time_seconds",
        "When each live process of the app started.",
        registry=None,
        multiprocess_mode="liveall",
    )
    started.set(STARTED)
    return requests, latency, started


# Made at the first request, so that importing this module (gunicorn's master does, for
# its hooks) opens no file of its own.
_lock = threading.Lock()
_made: tuple[Counter, Histogram, Gauge] | None = None
atexit.register(lambda: process_ended(os.getpid()))


def _current() -> tuple[Counter, Histogram, Gauge]:
    global _made
    with _lock:
        if _made is None:
            _made = _metrics()
        return _made


def observe(method: str, status: int, seconds: float) -> None:
    method = method if method in _METHODS else "OTHER"  # bounded label values
    requests, latency, _started = _current()
    requests.labels(method=method, status=str(status)).inc()
    latency.observe(seconds)


def reset() -> None:
    """Forget the counts of every process (tests)."""
    global _made
    with _lock:
        values.ValueClass.close_all_files()
        start_run()
        _made = None


def request_lines() -> list[str]:
    registry = CollectorRegistry()
    multiprocess.MultiProcessCollector(registry, path=str(directory()))
    return generate_latest(registry).decode("utf-8").splitlines()


def _label(value: str) -> str:
    return value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")


def _family(name: str, kind: str, help_text: str) -> list[str]:
    return [f"# HELP {name} {help_text}", f"# TYPE {name} {kind}"]


def outbox_lines() -> list[str]:
    from ideas.models import OutboxMessage

    counts = dict(OutboxMessage.objects.values_list("status").annotate(n=Count("id")).order_by())
    oldest = OutboxMessage.objects.filter(
        status__in=[OutboxMessage.State.PENDING, OutboxMessage.State.SENDING]
    ).aggregate(at=Min("created_at"))["at"]
    lines = _family("ie_outbox_messages", "gauge", "Mails in the outbox by state.")
    for state in OutboxMessage.State.values:
        lines.append(f'ie_outbox_messages{{state="{state}"}} {counts.get(state, 0)}')
    lines += _family(
        "ie_outbox_oldest_waiting_seconds", "gauge", "Age of the oldest mail not yet sent."
    )
    age = time.time() - oldest.timestamp() if oldest else 0.0
    lines.append(f"ie_outbox_oldest_waiting_seconds {age:.0f}")
    return lines


def import_lines() -> list[str]:
    from eudata.models import ImportRun

    lines = _family(
        "ie_import_last_run_timestamp_seconds",
        "gauge",
        "When the last EU data import of each source and outcome started.",
    )
    latest: Iterable[tuple[str, str, object]] = (
        ImportRun.objects.values_list("source", "status")
        .annotate(at=Max("started_at"))
        .order_by("source", "status")
    )
    for source, status, at in latest:
        stamp = at.timestamp() if hasattr(at, "timestamp") else 0.0
        lines.append(
            f'ie_import_last_run_timestamp_seconds{{source="{_label(source)}",'
            f'status="{_label(status)}"}} {stamp:.0f}'
        )
    lines += _family("ie_import_runs_total", "counter", "EU data import runs by outcome.")
    runs = ImportRun.objects.values_list("source", "status").annotate(n=Count("id"))
    for source, status, n in runs.order_by("source", "status"):
        lines.append(
            f'ie_import_runs_total{{source="{_label(source)}",status="{_label(status)}"}} {n}'
        )
    return lines


def exposition() -> str:
    return "\n".join([*request_lines(), *outbox_lines(), *import_lines()]) + "\n"
