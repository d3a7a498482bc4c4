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
from urllib.parse import unquote

request_id: contextvars.ContextVar[str] = contextvars.ContextVar("request_id", default="-")

# The attributes every LogRecord has; anything else was passed in ``extra=`` and is kept.
_STANDARD = set(vars(logging.makeLogRecord({}))) | {"message", "asctime", "request_id"}


# The routes whose ``token`` argument is a capability: an idea's status page (and its
# withdrawal) and a staff invitation.
CAPABILITY_ROUTES = {"ideas:status", "ideas:withdraw", "accounts:invitation_accept"}
# Anything that looks like a URL or a path in a log line: each one is resolved.
_URLISH = re.compile(
    r"(?P<origin>(?:[a-z][a-z0-9+.-]*:)?//[^/\s\"'<>]*)?(?P<path>/[^\s\"'<>]*)", re.I
)
# Paths that do not resolve (a case variant, doubled slashes) but still carry a token
# under a capability route's name, matched on the decoded path in any letter case.
_FALLBACK = re.compile(r"(/ideas/+status/+|/invitation/+)[^/\s?#\"'&]+", re.I)


def _decoded(text: str) -> str:
    """``text`` percent-decoded until it no longer changes (double encoding too)."""
    for _round in range(4):
        plain = unquote(text)
        if plain == text:
            break
        text = plain
    return text


def _capability_token(path: str) -> str | None:
    """The token of ``path`` when it resolves to a capability route, else None."""
    from django.conf import settings
    from django.urls import Resolver404, resolve
    from django.utils import translation

    language = path.split("/")[1] if path.count("/") > 1 else ""
    if language not in {code for code, _name in settings.LANGUAGES}:
        return None
    try:
        with translation.override(language):
            match = resolve(path)
    except (Resolver404, ValueError):
        return None
    token = match.kwargs.get("token") if match.view_name in CAPABILITY_ROUTES else None
    return str(token) if token else None


def _redact_url(found: re.Match[str]) -> str:
    raw = found.group(0)
    decoded = _decoded(raw)
    origin = found.group("origin") or ""
    path = decoded[len(_decoded(origin)) :]
    path, sep, rest = path.partition("?")
    try:
        token = _capability_token(path.split("#", 1)[0])
    except Exception:  # logging must never fail; the fallback pattern still applies
        token = None
    segments = path.split("/")
    clean = "/".join("[redacted]" if token and seg == token else seg for seg in segments)
    clean = _FALLBACK.sub(r"\1[redacted]", clean)
    if rest:  # e.g. ?next=/fi/ideas/status/<token>/
        rest = _URLISH.sub(_redact_url, rest)
        rest = _FALLBACK.sub(r"\1[redacted]", rest)
    redacted = _decoded(origin) + clean + sep + rest
    return raw if redacted == decoded else redacted


def redact(text: str) -> str:
    """``text`` with every capability token (idea status, staff invitation) replaced by
    ``[redacted]``. Each URL or path in it is percent-decoded and resolved like a request,
    so an encoded or otherwise disguised path is caught by the route it reaches."""
    return _URLISH.sub(_redact_url, text)


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
