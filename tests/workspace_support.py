"""Personas and helpers for the staff workspace tests (tests/test_workspace_*.py).

vera is a viewer, eddie an editor, ada an admin (by group, not superuser); alice (the
superuser), bob (staff with Django permissions but no role) and charlie (no staff) come
from conftest.
"""

from __future__ import annotations

import re
import secrets
from typing import Any

import pytest
from django.contrib.auth.models import Group, User

from accounts.roles import ADMIN, EDITOR, VIEWER, setup_roles
from ideas import actions
from ideas.models import Idea, OutboxMessage
from tests.conftest import PASSWORD

IDEA_DATA: dict[str, Any] = {
    "title": "Smart lighting pilot in Espoo and Tartu",
    "description": "We would like to test adaptive street lighting together.",
    "offer": "Sensors, a research team and data analysis.",
    "hopes": "A test street and contacts to the city's street lighting unit.",
    "organisation_name": "Example University",
    "organisation_kind": "university",
    "organisation_country": "EE",
    "organisation_website": "https://example.org",
    "contact_name": "Mari Maasikas",
    "contact_email": "mari@example.org",
    "contact_phone": "+372 555 1234",
    "language": "en",
}


def person(name: str, role: str) -> User:
    setup_roles()
    user = User.objects.create_user(name, f"{name}@espoo.example", PASSWORD)
    user.groups.add(Group.objects.get(name=role))
    return user


@pytest.fixture
def vera(db: Any) -> User:
    """Vera is a council member's assistant: she reads, never changes."""
    return person("vera", VIEWER)


@pytest.fixture
def eddie(db: Any) -> User:
    """Eddie works in the international team: he triages ideas."""
    return person("eddie", EDITOR)


@pytest.fixture
def ada(db: Any) -> User:
    """Ada administers the workspace (a group admin, not a superuser)."""
    return person("ada", ADMIN)


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
