"""Sign-in events in the audit trail, through ``audit.actions.record``.

Actions ``login`` and ``login_fail`` (the trail's action field is free text with known
choices). The trail never holds a password, a code, a token or a user name that matches
no account (a mistyped password is often typed into the user name field).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.contrib.auth import get_user_model
from django.http import HttpRequest

from audit.actions import record
from audit.context import acting_as, actor_for_user
from core.clientip import client_ip

if TYPE_CHECKING:
    from django.contrib.auth.models import User

SIGNED_IN = "login"
SIGN_IN_FAILED = "login_fail"


def _address(request: HttpRequest | None) -> str | None:
    return client_ip(request) if request is not None else None


def record_sign_in(user: User, method: str, request: HttpRequest | None) -> None:
    with acting_as(actor_for_user(user, _address(request))):
        record(SIGNED_IN, user, {"method": method})


def record_sign_in_failure(
    user: User | None, method: str, reason: str, request: HttpRequest | None
) -> None:
    """``user`` may be None (unknown, or the provider's answer was refused before we knew)."""
    target = user if user is not None else get_user_model()(username="(unknown)")
    with acting_as(actor_for_user(None, _address(request))):
        record(SIGN_IN_FAILED, target, {"method": method, "reason": reason})
