"""Structured logs: one JSON object a line, carrying the id of the request being served.

``RequestMiddleware`` puts the request id in a context variable; ``RequestIdFilter`` copies
it onto every record (``-`` outside a request), so text and JSON lines both show it.

A proposer's status link is their key to the idea (ideas/, no login) and a staff invitation
link the key to a new account, so neither token reaches a log: ``RedactFilter`` rewrites
Django's records and ``ops.accesslog.RedactingAccessLogger`` gunicorn's access lines,
replacing the token with ``[redacted]``.
"""

from __future__ import annotations

import contextvars
import json
import logging
import re
from datetime import UTC, datetime

request_id: contextvars.ContextVar[str] = contextvars.ContextVar("request_id", default="-")

# The attributes every LogRecord has; anything else was passed in ``extra=`` and is kept.
_STANDARD = set(vars(logging.makeLogRecord({}))) | {"message", "asctime", "request_id"}


# Capability links: an idea's status page and a staff invitation.
_STATUS_TOKEN = re.compile(r"(/ideas/status/|/accounts/invitation/)[^/\s?#\"']+")


def redact(text: str) -> str:
    """``text`` with every capability token (idea status, staff invitation) replaced
    by ``[redacted]``."""
    return _STATUS_TOKEN.sub(r"\1[redacted]", text)


class RedactFilter(logging.Filter):
    """Removes status tokens from a record's message (paths in 404 and 500 records)."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        clean = redact(message)
        if clean != message:
            record.msg, record.args = clean, None
        return True


class RequestIdFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        if not hasattr(record, "request_id"):
            record.request_id = request_id.get()
        return True


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
            "request_id": getattr(record, "request_id", request_id.get()),
        }
        for key, value in vars(record).items():
            if key not in _STANDARD and not key.startswith("_"):
                entry[key] = value
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False, default=str)
