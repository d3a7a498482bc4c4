"""Lock a user name out from one address after repeated failed staff logins.

STAFF_LOCKOUT_ATTEMPTS failures for the same user name from the same address within
STAFF_LOCKOUT_MINUTES refuse further attempts, even with the right password, until the
window has passed. Counted in the database so every app process agrees.
"""

from __future__ import annotations

import hashlib
import hmac
from datetime import timedelta
from typing import Any

from django import forms
from django.conf import settings
from django.contrib.auth.forms import AuthenticationForm
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from workspace.models import FailedLogin
from workspace.roles import is_viewer


def key_for(username: str, address: str | None) -> str:
    message = f"{username.strip().casefold()}|{address or ''}".encode()
    return hmac.new(settings.SECRET_KEY.encode(), message, hashlib.sha256).hexdigest()


def _window_start() -> Any:
    return timezone.now() - timedelta(minutes=settings.STAFF_LOCKOUT_MINUTES)


def is_locked(key: str) -> bool:
    recent = FailedLogin.objects.filter(key=key, at__gte=_window_start())
    return recent.count() >= settings.STAFF_LOCKOUT_ATTEMPTS


def note_failure(key: str) -> None:
    FailedLogin.objects.filter(at__lt=_window_start()).delete()  # prune old rows
    FailedLogin.objects.create(key=key)


def clear(key: str) -> None:
    FailedLogin.objects.filter(key=key).delete()


class StaffLoginForm(AuthenticationForm):
    """Django's login form with the lockout in front of the password check."""

    error_messages = {
        **AuthenticationForm.error_messages,
        "locked": _(
            "Too many failed attempts. Wait %(minutes)s minutes and try again, "
            "or ask an administrator to help."
        ),
        "no_role": _("This account has no role in the staff workspace. Ask an administrator."),
    }

    def __init__(self, request: HttpRequest | None = None, *args: Any, **kwargs: Any) -> None:
        super().__init__(request, *args, **kwargs)
        self.fields["username"].widget.attrs["autocomplete"] = "username"
        self.fields["password"].widget.attrs["autocomplete"] = "current-password"

    def confirm_login_allowed(self, user: Any) -> None:
        super().confirm_login_allowed(user)
        if not is_viewer(user):
            raise forms.ValidationError(self.error_messages["no_role"], code="no_role")

    def clean(self) -> dict[str, Any]:
        address = self.request.META.get("REMOTE_ADDR") if self.request else None
        key = key_for(self.data.get("username", ""), address)
        if is_locked(key):
            raise forms.ValidationError(
                self.error_messages["locked"],
                code="locked",
                params={"minutes": settings.STAFF_LOCKOUT_MINUTES},
            )
        try:
            cleaned = super().clean()
        except forms.ValidationError:
            note_failure(key)
            raise
        clear(key)
        return cleaned
