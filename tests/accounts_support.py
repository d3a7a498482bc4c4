"""Helpers for the staff accounts tests (tests/test_accounts_*.py)."""

from __future__ import annotations

from typing import Any

import pyotp
from django.test import Client

from accounts import actions, mfa
from accounts.models import StaffAccount
from tests.personas import PASSWORD

SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"


def enrol(user: Any, secret: str = SECRET) -> list[str]:
    """Enrol ``user`` with ``secret``; the current code stays usable for the test."""
    codes = actions.confirm_totp(user, secret, pyotp.TOTP(secret).now())
    StaffAccount.objects.filter(user=user).update(totp_last_step=None)
    return codes


def code_now(secret: str = SECRET) -> str:
    return pyotp.TOTP(secret).now()


def password_login(client: Client, username: str, lang: str = "en") -> Any:
    return client.post(f"/{lang}/staff/login/", {"username": username, "password": PASSWORD})


def verified(client: Client) -> bool:
    return mfa.SESSION_KEY in client.session
