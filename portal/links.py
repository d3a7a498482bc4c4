"""Links to pages that other apps own and may not exist yet."""

from __future__ import annotations

from typing import Any

from django.urls import NoReverseMatch, reverse


def optional_url(name: str, *args: Any) -> str:
    """The URL of ``name``, or "" while no such URL is configured."""
    try:
        return reverse(name, args=args or None)
    except NoReverseMatch:
        return ""
