"""The ops middleware: request ids and metrics, security headers, and the "try again" page.

``RequestMiddleware`` (outermost) gives every request an id (a sane incoming X-Request-ID
from the proxy, else a new one), puts it in the logs and the response, counts the request
and refuses bodies announced larger than OPS_MAX_REQUEST_MB with 413.
``SecurityHeadersMiddleware`` adds Content-Security-Policy and Permissions-Policy (Django
5.2 has no CSP of its own). ``DatabaseUnavailableMiddleware`` turns a lost database
(``OperationalError``/``InterfaceError``) into a translated 503 page with Retry-After.
"""

from __future__ import annotations

import logging
import re
import time
import uuid
from collections.abc import Callable

from django.conf import settings
from django.db import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _

from ops import metrics
from ops.logging import request_id

log = logging.getLogger(__name__)
_SANE_ID = re.compile(r"^[A-Za-z0-9._:-]{1,128}$")
DATABASE_ERRORS = (OperationalError, InterfaceError)


class RequestMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        started = time.perf_counter()
        incoming = request.headers.get("X-Request-ID", "")
        rid = incoming if _SANE_ID.match(incoming) else uuid.uuid4().hex
        request.request_id = rid  # type: ignore[attr-defined]
        # Not reset afterwards: Django logs the response ("Not Found: …") after the
        # middleware has returned; the next request on this thread sets its own id.
        request_id.set(rid)
        response = self._too_large(request) or self.get_response(request)
        response["X-Request-ID"] = rid
        metrics.observe(request.method or "", response.status_code, time.perf_counter() - started)
        return response

    def _too_large(self, request: HttpRequest) -> HttpResponse | None:
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            return HttpResponse(status=400)
        if length > settings.OPS_MAX_REQUEST_MB * 1024 * 1024:
            log.warning("refused a request body of %s bytes", length)
            response = HttpResponse(
                _("The request is too large."), status=413, content_type="text/plain"
            )
            response["Connection"] = "close"
            return response
        return None


class SecurityHeadersMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        policy = settings.CONTENT_SECURITY_POLICY
        if policy:
            header = "Content-Security-Policy"
            if settings.CONTENT_SECURITY_POLICY_REPORT_ONLY:
                header += "-Report-Only"
            response.headers.setdefault(header, policy)
        if settings.PERMISSIONS_POLICY:
            response.headers.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        return response


def unavailable(request: HttpRequest) -> HttpResponse:
    """The translated "try again" page; renders without touching the database."""
    context = {"title": _("Please try again in a moment")}
    response = render(request, "ops/unavailable.html", context, status=503)
    response["Retry-After"] = str(settings.OPS_RETRY_AFTER_SECONDS)
    add_never_cache_headers(response)
    return response


class DatabaseUnavailableMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if not isinstance(exception, DATABASE_ERRORS):
            return None
        # The view's transaction has been rolled back; nothing it wrote is kept.
        log.error("database unavailable: %s: %s", type(exception).__name__, exception)
        return unavailable(request)
