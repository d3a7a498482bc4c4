"""The one way a capability token (an idea's status link, a staff invitation, an API token)
is kept: only its SHA-256 hash is stored; the token itself is 256 random bits or more, so
a plain hash (no key, no salt) cannot be reversed and stays valid when SECRET_KEY changes."""

from __future__ import annotations

import hashlib


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()
