"""Keeps the Django admin behind the second factor too (staff_view guards the workspace),
and writes the known-device cookie of a sign-in (accounts.signin)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.http import HttpRequest, HttpResponse


class SecondFactorMiddleware:
    """A signed-in user who still owes the TOTP step cannot use the Django admin."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(
        self, request: HttpRequest, view: Any, args: Any, kwargs: Any
    ) -> HttpResponse | None:
        match = request.resolver_match
        if match is None or "admin" not in match.namespaces:
            return None
        from accounts.mfa import second_factor_redirect

        return second_factor_redirect(request)


class KnownDeviceMiddleware:
    """Sets the signed known-device cookie on the response to a successful sign-in."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        from accounts.signin import write_device_cookie

        response = self.get_response(request)
        write_device_cookie(request, response)
        return response
