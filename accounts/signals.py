"""Sign-ins, successful or not, go to the audit trail (password, single sign-on, TOTP)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.contrib.auth import get_user_model
from django.contrib.auth.signals import user_logged_in, user_login_failed
from django.http import HttpRequest

from accounts.audit import record_sign_in, record_sign_in_failure

if TYPE_CHECKING:
    from django.contrib.auth.models import User


def _logged_in(sender: Any, request: HttpRequest | None, user: User, **kwargs: Any) -> None:
    method = getattr(request, "accounts_sign_in_method", "password") if request else "password"
    record_sign_in(user, method, request)


def _failed(
    sender: Any, credentials: dict[str, Any], request: HttpRequest | None = None, **kwargs: Any
) -> None:
    username = str(credentials.get("username") or "")
    user = get_user_model()._default_manager.filter(username__iexact=username).first()
    record_sign_in_failure(user, "password", "credentials", request)


def connect() -> None:
    user_logged_in.connect(_logged_in, dispatch_uid="accounts_logged_in")
    user_login_failed.connect(_failed, dispatch_uid="accounts_login_failed")
