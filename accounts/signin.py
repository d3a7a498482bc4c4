"""The sign-in throttle for every way in, and the staff login forms that use it.

OWASP ASVS V2.2.1: failures are limited per account across all addresses and per address
across all accounts, with a growing back-off (``core.throttle``) rather than a hard lock.
So that nobody can keep the owner out by failing on purpose, a browser that has signed in
to an account before carries a signed "known device" cookie, and its tries are counted on
their own (OWASP's device cookies) instead of against the account's shared count.

Used by the workspace login, the Django admin login (``AdminLoginForm``), the two-factor
step and recovery codes (``accounts.actions.verify_second_factor``), invitation links
(``accounts.views``) and API tokens (``api.authentication``).
"""

from __future__ import annotations

import secrets
from typing import Any

from django import forms
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth.forms import AuthenticationForm
from django.contrib.auth.models import User
from django.core import signing
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.roles import is_viewer
from core import throttle
from core.clientip import client_ip

DEVICE_COOKIE = "known_device"
DEVICE_SALT = "accounts.known-device"
DEVICE_MAX_AGE = 180 * 24 * 3600
_PENDING = "_accounts_known_device"


def locked_message(wait: int) -> str:
    return _(
        "Too many failed attempts. Wait %(minutes)s minutes and try again, "
        "or ask an administrator to help."
    ) % {"minutes": throttle.minutes(wait)}


def _device(request: HttpRequest) -> dict[str, Any]:
    raw = request.COOKIES.get(DEVICE_COOKIE, "")
    try:
        value = signing.loads(raw, salt=DEVICE_SALT, max_age=DEVICE_MAX_AGE) if raw else {}
    except signing.BadSignature:
        value = {}
    return value if isinstance(value, dict) else {}


def _keys(request: HttpRequest, account: str) -> list[tuple[throttle.Limit, str]]:
    """The counters a sign-in to ``account`` from this request is held by."""
    device = _device(request)
    account_key = throttle.key_of("account", account)
    keys = [(throttle.sign_in_address(), throttle.key_of("address", client_ip(request)))]
    if account_key in device.get("accounts", []):
        keys.append((throttle.sign_in_device(), throttle.key_of(device.get("id"), account)))
    else:
        keys.append((throttle.sign_in_account(), account_key))
    return keys


def wait_seconds(request: HttpRequest, account: str) -> int:
    """Seconds before this client may try ``account`` again (0: now)."""
    return max(throttle.wait_seconds(limit, key) for limit, key in _keys(request, account))


def note_failure(request: HttpRequest, account: str) -> None:
    for limit, key in _keys(request, account):
        throttle.hit(limit, key)


def note_success(request: HttpRequest, account: str) -> None:
    """The account's own counter starts again; the address's does not (credential stuffing
    with one valid account must not reset it). The browser becomes a known device."""
    limit, key = _keys(request, account)[1]
    throttle.clear(limit, key)
    device = _device(request)
    accounts = [a for a in device.get("accounts", []) if isinstance(a, str)][-9:]
    account_key = throttle.key_of("account", account)
    if account_key not in accounts:
        accounts.append(account_key)
    setattr(
        request,
        _PENDING,
        {"id": device.get("id") or secrets.token_urlsafe(16), "accounts": accounts},
    )


def write_device_cookie(request: HttpRequest, response: HttpResponse) -> None:
    value = getattr(request, _PENDING, None)
    if value is not None:
        response.set_cookie(
            DEVICE_COOKIE,
            signing.dumps(value, salt=DEVICE_SALT),
            max_age=DEVICE_MAX_AGE,
            secure=request.is_secure(),
            httponly=True,
            samesite="Lax",
        )


class ThrottledLoginMixin:
    """In front of a Django authentication form's password check."""

    request: HttpRequest | None
    data: Any

    def clean(self) -> dict[str, Any]:
        account = str(self.data.get("username", ""))[:150]
        request = self.request
        if request is not None and (wait := wait_seconds(request, account)):
            raise forms.ValidationError(locked_message(wait), code="locked")
        try:
            cleaned: dict[str, Any] = super().clean()  # type: ignore[misc]
        except forms.ValidationError:
            if request is not None:
                note_failure(request, account)
            raise
        if request is not None:
            note_success(request, account)
        return cleaned


class StaffLoginForm(ThrottledLoginMixin, AuthenticationForm):
    """The workspace login: Django's form, throttled, for accounts with a workspace role."""

    error_messages = {
        **AuthenticationForm.error_messages,
        "no_role": gettext_lazy(
            "This account has no role in the staff workspace. Ask an administrator."
        ),
    }

    def __init__(self, request: HttpRequest | None = None, *args: Any, **kwargs: Any) -> None:
        super().__init__(request, *args, **kwargs)
        self.fields["username"].widget.attrs["autocomplete"] = "username"
        self.fields["password"].widget.attrs["autocomplete"] = "current-password"

    def confirm_login_allowed(self, user: User) -> None:
        super().confirm_login_allowed(user)
        if not is_viewer(user):
            raise forms.ValidationError(self.error_messages["no_role"], code="no_role")


class AdminLoginForm(ThrottledLoginMixin, AdminAuthenticationForm):
    """The Django admin's login, behind the same throttle (and, after it, the same
    second-factor gate: accounts.middleware)."""
