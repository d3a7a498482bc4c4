"""One throttle for every limit: a windowed counter of hits in the database.

A ``Limit`` allows ``free`` hits per key within ``window`` seconds. Past that, a hard
limit (``backoff=0``) refuses until the oldest hit leaves the window; a back-off limit
makes each further try wait ``backoff * 2**(extra hits)`` seconds (at most ``cap``) after
the latest hit, so a limit that anyone can trigger slows guessing without locking the
owner out for long. Counted in the database, so every app process agrees; keys are
stored only as keyed hashes (never a user name or an address) and rows are pruned once
they leave their window.

The named limits (sign-in, two-factor, invitations, API tokens, idea submissions, report
PDFs) are the functions at the end of this module; their numbers come from settings.
"""

from __future__ import annotations

import hashlib
import hmac
import math
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.db.models import Max, Min
from django.utils import timezone

from core.models import ThrottleHit


@dataclass(frozen=True)
class Limit:
    scope: str
    free: int
    window: int  # seconds
    backoff: int = 0  # seconds; 0 = hard limit
    cap: int = 0  # longest back-off, seconds


def key_of(*parts: object) -> str:
    """A keyed hash of ``parts`` (e.g. a user name and an address): what is stored."""
    message = "|".join(str(p).strip().casefold() for p in parts).encode()
    return hmac.new(settings.SECRET_KEY.encode(), message, hashlib.sha256).hexdigest()


def wait_seconds(limit: Limit, key: str) -> int:
    """Seconds until ``key`` may try again under ``limit``; 0 when it may now."""
    now = timezone.now()
    recent = ThrottleHit.objects.filter(
        scope=limit.scope, key=key, at__gte=now - timedelta(seconds=limit.window)
    )
    figures = recent.aggregate(first=Min("at"), last=Max("at"))
    count = recent.count() if figures["last"] is not None else 0
    if count < limit.free:
        return 0
    if limit.backoff:
        delay = min(limit.backoff * 2 ** (count - limit.free), limit.cap or limit.window)
        until: datetime = figures["last"] + timedelta(seconds=delay)
    else:
        oldest = recent.order_by("-at").values_list("at", flat=True)[limit.free - 1]
        until = oldest + timedelta(seconds=limit.window)
    return max(0, math.ceil((until - now).total_seconds()))


def hit(limit: Limit, key: str) -> None:
    """Count one hit (a submission, a failed attempt) and forget hits past the window."""
    now = timezone.now()
    ThrottleHit.objects.filter(
        scope=limit.scope, at__lt=now - timedelta(seconds=limit.window)
    ).delete()
    ThrottleHit.objects.create(scope=limit.scope, key=key, at=now)


def clear(limit: Limit, key: str) -> None:
    ThrottleHit.objects.filter(scope=limit.scope, key=key).delete()


def minutes(seconds: int) -> int:
    """A wait as whole minutes for a message (at least one)."""
    return max(1, math.ceil(seconds / 60))


# --- The named limits -----------------------------------------------------------------------

HOUR = 3600


def _sign_in(scope: str, free: int) -> Limit:
    cap = settings.STAFF_LOCKOUT_MINUTES * 60
    return Limit(
        scope, free, window=max(cap * 4, HOUR), backoff=settings.LOGIN_BACKOFF_SECONDS, cap=cap
    )


def sign_in_account() -> Limit:
    """Failed sign-ins of one account, from every address."""
    return _sign_in("signin-account", settings.STAFF_LOCKOUT_ATTEMPTS)


def sign_in_address() -> Limit:
    """Failed sign-ins from one address, to every account (credential stuffing)."""
    return _sign_in("signin-address", settings.LOGIN_ADDRESS_ATTEMPTS)


def sign_in_device() -> Limit:
    """Failed sign-ins of one account from a browser it has signed in from before."""
    return _sign_in("signin-device", settings.STAFF_LOCKOUT_ATTEMPTS)


def second_factor() -> Limit:
    """Wrong two-factor or recovery codes of one account."""
    return _sign_in("second-factor", settings.STAFF_LOCKOUT_ATTEMPTS)


def bad_token() -> Limit:
    """Unknown invitation or API tokens presented from one address."""
    return _sign_in("bad-token", settings.LOGIN_ADDRESS_ATTEMPTS)


def idea_submission() -> Limit:
    return Limit("idea", settings.IDEAS_RATE_LIMIT, settings.IDEAS_RATE_WINDOW)


def report_build() -> Limit:
    """Report PDFs (seconds of CPU each) built by one user."""
    return Limit("report-pdf", settings.REPORT_PDF_LIMIT, settings.REPORT_PDF_WINDOW)
