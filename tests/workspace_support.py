"""Helpers for the staff workspace tests (tests/test_workspace_*.py): an idea and its pages.

The personas (vera, eddie, ada, ...) are in ``tests/personas.py``.
"""

from __future__ import annotations

import re
import secrets
from typing import Any

from ideas import actions
from ideas.models import Idea, OutboxMessage
from tests.ideas_support import IDEA_DATA


def make_idea(**overrides: Any) -> Idea:
    data = {**IDEA_DATA, **overrides}
    return actions.submit_idea(data=data, token=secrets.token_urlsafe(16)).idea


def status_path(idea: Idea) -> str:
    """The private status page's path, taken from the proposer's confirmation mail."""
    mail = OutboxMessage.objects.filter(to=idea.contact_email, subject__contains=idea.reference)
    body = mail.order_by("id").first().body  # type: ignore[union-attr]
    match = re.search(r"https?://[^/\s]+(/\S+/ideas/status/\S+/)", body)
    assert match, body
    return match.group(1)


def version_of(idea: Idea) -> int:
    return Idea.objects.get(pk=idea.pk).version
