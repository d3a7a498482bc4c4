"""Health probes for the load balancer, the metrics endpoint, and the 500 handler.

``/health/live``: the process answers. ``/health/ready``: it can do its work: the
database answers and the mail outbox backlog is below OPS_READY_OUTBOX_MAX; otherwise
503 with the reasons as JSON. ``/metrics``: Prometheus text for staff with a role or the
holder of METRICS_TOKEN; 404 to anyone else who is anonymous, 403 to the rest.
"""

from __future__ import annotations

import hmac
import sys
from typing import Any

from django.conf import settings
from django.db import connection
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.utils.cache import add_never_cache_headers
from django.views import defaults
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from accounts.mfa import second_factor_redirect
from accounts.roles import is_viewer
from ops import metrics
from ops.middleware import DATABASE_ERRORS, unavailable


@never_cache
@require_safe
def live(request: HttpRequest) -> JsonResponse:
    return JsonResponse({"status": "ok"})


@never_cache
@require_safe
def ready(request: HttpRequest) -> JsonResponse:
    checks: dict[str, Any] = {}
    reasons: list[str] = []
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
        checks["database"] = "ok"
    except DATABASE_ERRORS as exc:
        checks["database"] = "unavailable"
        reasons.append(f"database: {type(exc).__name__}")
    if checks["database"] == "ok":
        from ideas.models import OutboxMessage

        waiting = OutboxMessage.objects.filter(
            status__in=[OutboxMessage.State.PENDING, OutboxMessage.State.SENDING]
        ).count()
        checks["outbox_backlog"] = waiting
        if waiting > settings.OPS_READY_OUTBOX_MAX:
            reasons.append(
                f"outbox: {waiting} mails waiting, more than {settings.OPS_READY_OUTBOX_MAX}"
            )
    body = {"status": "unavailable" if reasons else "ok", "checks": checks, "reasons": reasons}
    return JsonResponse(body, status=503 if reasons else 200)


def _bearer_token(request: HttpRequest) -> str | None:
    header = request.headers.get("Authorization", "")
    scheme, _sep, token = header.partition(" ")
    return token.strip() if scheme.lower() == "bearer" and token.strip() else None


@require_safe
def metrics_view(request: HttpRequest) -> HttpResponse:
    token = _bearer_token(request)
    expected = settings.METRICS_TOKEN
    if token is not None:
        if not expected or not hmac.compare_digest(token.encode(), expected.encode()):
            return HttpResponse("Forbidden\n", status=403, content_type="text/plain")
    elif not request.user.is_authenticated:
        raise Http404
    elif not is_viewer(request.user):
        return HttpResponse("Forbidden\n", status=403, content_type="text/plain")
    elif (pending := second_factor_redirect(request)) is not None:
        return pending  # the one staff gate's second-factor step applies here too
    response = HttpResponse(
        metrics.exposition(), content_type="text/plain; version=0.0.4; charset=utf-8"
    )
    add_never_cache_headers(response)
    return response


metrics_view.ops_access = "viewer_or_token"  # type: ignore[attr-defined]


def server_error(request: HttpRequest) -> HttpResponse:
    """handler500: a lost database gets the "try again" page (503), the rest Django's 500."""
    if isinstance(sys.exc_info()[1], DATABASE_ERRORS):
        return unavailable(request)
    return defaults.server_error(request)
