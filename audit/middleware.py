from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

from audit.context import acting_as, actor_for_user
from core.clientip import client_ip


class AuditActorMiddleware:
    """Makes the signed-in user and their address the actor of every change in the request."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        with acting_as(actor_for_user(user, client_ip(request))):
            return self.get_response(request)
