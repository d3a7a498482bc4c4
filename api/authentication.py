"""``Authorization: Bearer <token>``: who an integration writes as."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _
from rest_framework.authentication import BaseAuthentication
from rest_framework.exceptions import AuthenticationFailed, Throttled
from rest_framework.request import Request

from api.models import ApiToken
from audit.context import act_for_rest_of_request
from core import throttle
from core.clientip import client_ip
from core.tokens import hash_token

SCHEMES = {"bearer", "token"}
# last_used_at is written at most this often per token (not on every request).
TOUCH_INTERVAL = timedelta(minutes=1)


class ApiTokenAuthentication(BaseAuthentication):
    def authenticate(self, request: Request) -> tuple[Any, ApiToken] | None:
        header = request.META.get("HTTP_AUTHORIZATION", "")
        if not header:
            return None
        scheme, _sep, value = header.strip().partition(" ")
        if scheme.lower() not in SCHEMES:
            return None
        value = value.strip()
        if not value or " " in value:
            raise AuthenticationFailed(_("The Authorization header must be: Bearer <token>."))
        limit, address = throttle.bad_token(), throttle.key_of("address", client_ip(request))
        if wait := throttle.wait_seconds(limit, address):
            raise Throttled(wait)  # guessing tokens is held like guessing passwords
        token = (
            ApiToken.objects.select_related("owner").filter(token_hash=hash_token(value)).first()
        )
        if token is None:
            throttle.hit(limit, address)
            raise AuthenticationFailed(_("The token is not valid."))
        if token.revoked:
            raise AuthenticationFailed(_("The token has been revoked."))
        if token.expired:
            raise AuthenticationFailed(_("The token has expired."))
        if not token.owner.is_active:
            raise AuthenticationFailed(_("The token's owner is no longer active."))
        now = timezone.now()
        if token.last_used_at is None or now - token.last_used_at > TOUCH_INTERVAL:
            # A queryset update: bookkeeping, not a change for the audit trail.
            ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
            token.last_used_at = now
        # Everything the request changes, on-commit work included, is the token owner's.
        from api.actions import api_actor

        act_for_rest_of_request(api_actor(token, client_ip(request)))
        return token.owner, token

    def authenticate_header(self, request: Request) -> str:
        return 'Bearer realm="api"'
