"""Rate limits: per token (API_TOKEN_RATE) and per anonymous address (API_ANON_RATE).

Request rates are counted in the cache (DRF's throttles); failed token authentication is
counted by the sign-in throttle (``core.throttle.bad_token``, api/authentication.py).

The rates are read from settings on every request, so a test or a deployment can change
them without re-importing the module.
"""

from __future__ import annotations

from django.conf import settings
from rest_framework.request import Request
from rest_framework.throttling import SimpleRateThrottle

from api.models import ApiToken
from core.clientip import client_ip


class TokenRateThrottle(SimpleRateThrottle):
    scope = "token"

    def get_rate(self) -> str | None:
        return settings.API_TOKEN_RATE or None

    def get_cache_key(self, request: Request, view: object) -> str | None:
        if isinstance(request.auth, ApiToken):
            return f"api-throttle:token:{request.auth.pk}"
        return None


class AnonRateThrottle(SimpleRateThrottle):
    scope = "anon"

    def get_rate(self) -> str | None:
        return settings.API_ANON_RATE or None

    def get_cache_key(self, request: Request, view: object) -> str | None:
        if request.auth is not None:
            return None
        return f"api-throttle:anon:{client_ip(request)}"  # never the raw forwarded header
