"""A short-lived cache of the public pages, as anonymous visitors see them.

Public pages carry nothing personal (no forms with tokens, no user names), so a
rendered page can be served again to the next anonymous visitor. Each process
keeps pages for ``PORTAL_CACHE_SECONDS``; a change to the strategy, registry or
portfolio starts a new generation at once in the process that made it, and the
other processes catch up within that time. Staff (signed in) always get fresh pages.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable
from functools import wraps
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.utils.translation import get_language

GENERATION = "portal:generation"


def generation() -> int:
    """The current generation. A new one starts from the clock, not from 1: when the cache
    is cleared or drops the counter, the generation never goes back to a value whose pages
    or filter options (portal/catalogue.py, kept per process) belong to older data."""
    value = cache.get(GENERATION)
    if value is None:
        start = time.time_ns()
        cache.add(GENERATION, start, None)
        value = cache.get(GENERATION, start)
    return int(value)


def forget_pages(**kwargs: Any) -> None:
    """Start a new generation: every cached page is stale from now on."""
    try:
        cache.incr(GENERATION)
    except ValueError:
        cache.set(GENERATION, time.time_ns(), None)


def cached_page(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        seconds = settings.PORTAL_CACHE_SECONDS
        if not seconds or request.method != "GET" or request.user.is_authenticated:
            return view(request, *args, **kwargs)
        path = hashlib.sha256(request.get_full_path().encode()).hexdigest()
        key = f"portal:page:{generation()}:{get_language()}:{path}"
        hit = cache.get(key)
        if hit is not None:
            headers, content = hit
            response = HttpResponse(content)
            for name, value in headers:
                response[name] = value
            return response
        response = view(request, *args, **kwargs)
        if response.status_code == 200 and not response.streaming and not response.cookies:
            cache.set(key, (list(response.items()), response.content), seconds)
        return response

    return wrapper
