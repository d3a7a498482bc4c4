"""A per-client limit on submissions, counted in the database so every process agrees.

Addresses are stored only as keyed hashes and pruned once they leave the window.
"""

from __future__ import annotations

import hashlib
import hmac
from datetime import datetime, timedelta

from django.conf import settings
from django.http import HttpRequest
from django.utils import timezone

from ideas.models import RecentSubmission


def client_address(request: HttpRequest) -> str:
    header = settings.IDEAS_CLIENT_IP_HEADER
    if header:
        key = "HTTP_" + header.upper().replace("-", "_")
        forwarded = request.META.get(key, "")
        # The last entry is the one our own proxy added; earlier ones the client can forge.
        last = forwarded.split(",")[-1].strip()
        if last:
            return last
    return request.META.get("REMOTE_ADDR", "") or "unknown"


def client_key(request: HttpRequest) -> str:
    secret = settings.SECRET_KEY.encode()
    return hmac.new(secret, client_address(request).encode(), hashlib.sha256).hexdigest()


def _window_start() -> datetime:
    return timezone.now() - timedelta(seconds=settings.IDEAS_RATE_WINDOW)


def is_limited(key: str) -> bool:
    recent = RecentSubmission.objects.filter(client=key, at__gte=_window_start())
    return recent.count() >= settings.IDEAS_RATE_LIMIT


def note(key: str) -> None:
    """Count one submission by the client and forget those outside the window."""
    RecentSubmission.objects.filter(at__lt=_window_start()).delete()
    RecentSubmission.objects.create(client=key)
