"""Request counters and a latency histogram kept in this process, and the Prometheus text
exposition of them plus the database-backed figures (outbox backlog, last import runs).

The request figures are per process: with several gunicorn workers each answers with its
own counts, so scrape every worker or read them as samples (docs/operations.md).
"""

from __future__ import annotations

import threading
import time
from collections import Counter
from collections.abc import Iterable

from django.db.models import Count, Max, Min

BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0)
STARTED = time.time()

_lock = threading.Lock()
_requests: Counter[tuple[str, str]] = Counter()
_bucket_counts = [0] * (len(BUCKETS) + 1)  # the last one is +Inf
_latency_sum = 0.0
_latency_count = 0
_METHODS = {"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"}


def observe(method: str, status: int, seconds: float) -> None:
    global _latency_sum, _latency_count
    method = method if method in _METHODS else "OTHER"  # bounded label values
    index = next((i for i, bound in enumerate(BUCKETS) if seconds <= bound), len(BUCKETS))
    with _lock:
        _requests[(method, str(status))] += 1
        _bucket_counts[index] += 1
        _latency_sum += seconds
        _latency_count += 1


def reset() -> None:
    """Forget the counts (tests)."""
    global _latency_sum, _latency_count
    with _lock:
        _requests.clear()
        _bucket_counts[:] = [0] * (len(BUCKETS) + 1)
        _latency_sum = 0.0
        _latency_count = 0


def _label(value: str) -> str:
    return value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")


def _family(name: str, kind: str, help_text: str) -> list[str]:
    return [f"# HELP {name} {help_text}", f"# TYPE {name} {kind}"]


def request_lines() -> list[str]:
    with _lock:
        requests = sorted(_requests.items())
        buckets = list(_bucket_counts)
        total, count = _latency_sum, _latency_count
    lines = _family("ie_http_requests_total", "counter", "HTTP requests answered by this process.")
    lines += [f'ie_http_requests_total{{method="{m}",status="{s}"}} {n}' for (m, s), n in requests]
    lines += _family(
        "ie_http_request_duration_seconds",
        "histogram",
        "Time from the request reaching the app to its response, in this process.",
    )
    running = 0
    for bound, n in zip((*BUCKETS, float("inf")), buckets, strict=True):
        running += n
        le = "+Inf" if bound == float("inf") else repr(bound)
        lines.append(f'ie_http_request_duration_seconds_bucket{{le="{le}"}} {running}')
    lines.append(f"ie_http_request_duration_seconds_sum {total:.6f}")
    lines.append(f"ie_http_request_duration_seconds_count {count}")
    lines += _family("ie_process_start_time_seconds", "gauge", "When this process started.")
    lines.append(f"ie_process_start_time_seconds {STARTED:.3f}")
    return lines


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
