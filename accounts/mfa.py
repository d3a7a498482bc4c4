"""TOTP two-factor login: who needs it, the session flag, codes, recovery codes.

After the password step a user who needs a second factor has an authenticated session
without the flag ``SESSION_KEY``; ``accounts.roles.staff_view`` (and, for the Django
admin, ``accounts.middleware``) sends them to the verification page — or, when they have
not enrolled yet, to the enrolment page — until it is set. Single sign-on sets it at
once: the identity provider is where SSO users' second factor is enforced.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets
import time
from typing import Any

import pyotp
from cryptography.fernet import Fernet, InvalidToken
from django.conf import settings
from django.contrib.auth.models import User
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse
from django.urls import reverse

from accounts.models import RecoveryCode, StaffAccount
from accounts.roles import ADMIN, EDITOR, has_role

SESSION_KEY = "accounts_second_factor"
ISSUER_NAME = "International Espoo"
STEP = 30  # seconds, the RFC 6238 default every authenticator app uses
RECOVERY_CODES = 10
REQUIRE_FOR = {"none": None, "admin": ADMIN, "editor": EDITOR, "all": "viewer"}


def account_of(user: User) -> StaffAccount:
    account, _created = StaffAccount.objects.get_or_create(user=user)
    return account


def existing_account(user: User) -> StaffAccount | None:
    return StaffAccount.objects.filter(user=user).first()


_LOOK_UP: Any = object()


def required_for(user: User, account: Any = _LOOK_UP) -> bool:
    """TOTP is required by the setting for the user's role, or for them personally.

    ``account``: the user's StaffAccount (or None) when the caller already has it.
    """
    role = REQUIRE_FOR.get(settings.STAFF_REQUIRE_TOTP_FOR)
    if role is not None and has_role(user, role):
        return True
    found: StaffAccount | None = existing_account(user) if account is _LOOK_UP else account
    return bool(found and found.totp_required)


def is_enrolled(user: User) -> bool:
    account = existing_account(user)
    return bool(account and account.totp_enrolled)


def mark_verified(request: HttpRequest) -> None:
    request.session[SESSION_KEY] = request.user.pk


def is_verified(request: HttpRequest) -> bool:
    return bool(request.session.get(SESSION_KEY) == request.user.pk)


def needs_second_factor(request: HttpRequest) -> bool:
    user = request.user
    if not user.is_authenticated or is_verified(request):
        return False
    account = existing_account(user)
    return bool(account and account.totp_enrolled) or required_for(user, account)


def second_factor_redirect(request: HttpRequest) -> HttpResponse | None:
    """Where a user who owes the second factor goes, keeping where they were going."""
    if not needs_second_factor(request):
        return None
    enrolled = isinstance(request.user, User) and is_enrolled(request.user)
    name = "accounts:mfa_verify" if enrolled else "accounts:mfa_enroll"
    return redirect_to_login(request.get_full_path(), reverse(name))


# --- The secret at rest -------------------------------------------------------------------


def _fernet() -> Fernet:
    digest = hashlib.sha256(b"accounts.totp|" + settings.SECRET_KEY.encode()).digest()
    return Fernet(base64.urlsafe_b64encode(digest))


def encrypt(secret: str) -> str:
    return _fernet().encrypt(secret.encode()).decode()


def decrypt(token: str) -> str | None:
    try:
        return _fernet().decrypt(token.encode()).decode()
    except InvalidToken:  # SECRET_KEY changed: the user must enrol again
        return None


def new_secret() -> str:
    return pyotp.random_base32()


def provisioning_uri(secret: str, username: str) -> str:
    return pyotp.TOTP(secret).provisioning_uri(name=username, issuer_name=ISSUER_NAME)


def qr_svg(uri: str, title: str) -> str:
    """The otpauth URI as an inline SVG QR code (made here, nothing leaves the server)."""
    import segno

    svg: str = segno.make(uri, error="m").svg_inline(
        scale=4, border=2, title=title, svgclass="qr-code", lineclass=None, omitsize=False
    )
    return svg


def matching_step(secret: str, code: str, now: float | None = None) -> int | None:
    """The time step (previous, current or next) whose code is ``code``, or None."""
    code = "".join(code.split())
    if not (len(code) == 6 and code.isdigit()):
        return None
    totp = pyotp.TOTP(secret, interval=STEP)
    current = int((time.time() if now is None else now) // STEP)
    for step in (current - 1, current, current + 1):
        if hmac.compare_digest(totp.generate_otp(step), code):
            return step
    return None


# --- Recovery codes -----------------------------------------------------------------------


def _hash_code(code: str) -> str:
    normal = "".join(ch for ch in code.lower() if ch.isalnum())
    key = b"accounts.recovery|" + settings.SECRET_KEY.encode()
    return hmac.new(key, normal.encode(), hashlib.sha256).hexdigest()


def new_recovery_codes(user: User) -> list[str]:
    """Replace the user's recovery codes by ten new ones; returns them (shown once)."""
    alphabet = "abcdefghjkmnpqrstuvwxyz23456789"
    codes = []
    for _i in range(RECOVERY_CODES):
        raw = "".join(secrets.choice(alphabet) for _j in range(10))
        codes.append(f"{raw[:5]}-{raw[5:]}")
    RecoveryCode.objects.filter(user=user).delete()
    RecoveryCode.objects.bulk_create(
        RecoveryCode(user=user, code_hash=_hash_code(code)) for code in codes
    )
    return codes


def find_recovery_code(user: User, code: str) -> RecoveryCode | None:
    wanted = _hash_code(code)
    for candidate in RecoveryCode.objects.filter(user=user, used_at__isnull=True):
        if hmac.compare_digest(candidate.code_hash, wanted):
            return candidate
    return None
