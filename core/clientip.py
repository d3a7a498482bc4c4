"""The one way to tell which client sent a request.

Behind ``TRUSTED_PROXY_COUNT`` reverse proxies (a setting, default 0: none), each proxy
appends the address it received the request from to ``X-Forwarded-For``. The client is
the entry that the outermost trusted proxy appended: the ``TRUSTED_PROXY_COUNT``-th entry
from the right. Entries further left are whatever the client chose to send and are never
trusted. With no trusted proxy the header is ignored and the connection's address is used.
Every rate limit, lockout, API throttle and audit record reads the address here.
"""

from __future__ import annotations

import ipaddress

from django.conf import settings
from django.http import HttpRequest

HEADER = "HTTP_X_FORWARDED_FOR"


def _valid(value: str) -> str | None:
    value = value.strip()
    try:
        return str(ipaddress.ip_address(value))
    except ValueError:
        return None


def client_ip(request: HttpRequest) -> str | None:
    """The client's address as the trusted proxies saw it; None when there is none (a
    request made in code, e.g. a test's forced login): the audit trail's address field
    takes only real addresses, and the throttles count all such requests as one client."""
    remote = _valid(request.META.get("REMOTE_ADDR", "") or "")
    proxies = settings.TRUSTED_PROXY_COUNT
    if proxies:
        entries = [e for e in request.META.get(HEADER, "").split(",") if e.strip()]
        if len(entries) >= proxies:
            forwarded = _valid(entries[-proxies])
            if forwarded:
                return forwarded
        # A request that did not pass through every proxy (or a malformed header):
        # the nearest peer is the best we know, and it is not client-controlled.
    return remote
