"""gunicorn settings for production: `gunicorn -c config/gunicorn.conf.py config.wsgi`.

Every value can be changed from the environment (docs/operations.md).
"""

from __future__ import annotations

import multiprocessing
import os

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
# Workers: processes; each holds its own database connection. Their request metrics are
# shared through prometheus_client's multiprocess directory (ops/metrics.py), emptied at start.
workers = int(os.environ.get("GUNICORN_WORKERS", str(multiprocessing.cpu_count() * 2 + 1)))
threads = int(os.environ.get("GUNICORN_THREADS", "1"))
# A request that takes longer is killed (a large EU data upload is imported in the request).
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "120"))
graceful_timeout = int(os.environ.get("GUNICORN_GRACEFUL_TIMEOUT", "30"))
keepalive = int(os.environ.get("GUNICORN_KEEPALIVE", "5"))
# Restart workers now and then so a slow leak cannot grow without bound.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "2000"))
max_requests_jitter = int(os.environ.get("GUNICORN_MAX_REQUESTS_JITTER", "200"))
# Header limits: oversize request lines and headers get 400 before Django sees them.
limit_request_line = 8190
limit_request_fields = 100
limit_request_field_size = 8190
# The proxy in front sets X-Forwarded-*; only trust it from these addresses.
forwarded_allow_ips = os.environ.get("GUNICORN_FORWARDED_ALLOW_IPS", "127.0.0.1")
# Logs go to stderr for the service manager; Django's own logs are JSON (LOG_FORMAT).
accesslog = os.environ.get("GUNICORN_ACCESS_LOG", "-") or None
# Idea status tokens never reach the access log (ops/logging.py).
logger_class = "ops.accesslog.RedactingAccessLogger"
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
access_log_format = (
    '{"remote": "%(h)s", "request": "%(r)s", "status": %(s)s, "bytes": "%(b)s", '
    '"duration_us": %(D)s, "request_id": "%({x-request-id}o)s", "agent": "%(a)s"}'
)
preload_app = os.environ.get("GUNICORN_PRELOAD", "false").lower() in ("1", "true", "yes")


# prometheus_client's multiprocess directory, as config/settings.py sets it, before any
# worker starts so that all of them inherit it.
if not os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
    os.environ["PROMETHEUS_MULTIPROC_DIR"] = os.path.join(
        os.environ.get("VAR_DIR") or os.path.join(os.path.dirname(__file__), "..", "var"),
        "prometheus",
    )


def on_starting(server: object) -> None:
    """Before the workers: a new run's request metrics start from zero (ops/metrics.py)."""
    from ops import metrics

    metrics.start_run()


def child_exit(server: object, worker: object) -> None:
    """A worker ended (restarted after max_requests, or killed): drop its live gauges."""
    from ops import metrics

    metrics.process_ended(int(getattr(worker, "pid", 0)))
