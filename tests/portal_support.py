"""Helpers for the public portal's tests (tests/test_portal_*.py)."""

from __future__ import annotations

from django.test import Client

LANGUAGES = ["fi", "sv", "en"]


def page(client: Client, url: str) -> str:
    """The page at ``url``, which must answer 200."""
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()
