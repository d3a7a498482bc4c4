"""The suite's one persona set: who each test user is and what they may do.

Every persona's name starts with what it stands for, and every test signs in as one of
these (a pytest plugin loaded by ``tests/conftest.py``, so the fixtures need no import):

- **vera**, a viewer; **eddie**, an editor; **ada**, an admin: the workspace roles, held
  by group (ada is not a superuser);
- **sune**, a superuser (the international team's Django admin);
- **pekka**, staff with the portfolio's Django permissions but no workspace role;
- **ulla**, a user with an account who is not staff.

The access matrix (``tests/test_security_access.py``) also builds **otto**, an editor who
owes this session's second-factor code, and **nina**, an admin who must enrol, with
:func:`person`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest
from django.contrib.auth.models import Group, Permission, User
from django.test import Client

from accounts.roles import ADMIN, EDITOR, VIEWER, setup_roles

PASSWORD = "correct-horse-battery-staple-42"


@dataclass(frozen=True)
class Persona:
    role: str | None = None  # a workspace role (a group)
    superuser: bool = False
    staff: bool = False
    permissions_of: str | None = None  # an app label: its Django model permissions
    domain: str = "espoo.example"
    about: str = ""


PERSONAS: dict[str, Persona] = {
    "vera": Persona(VIEWER, about="A council member's assistant: she reads, never changes."),
    "eddie": Persona(EDITOR, about="Works in the international team: he triages ideas."),
    "ada": Persona(ADMIN, about="Administers the workspace (a group admin, not a superuser)."),
    "otto": Persona(EDITOR, about="An editor who owes this session's second-factor code."),
    "nina": Persona(ADMIN, about="An admin who must enrol in two-factor and has not."),
    "sune": Persona(superuser=True, about="The superuser of the international team."),
    "pekka": Persona(
        staff=True,
        permissions_of="portfolio",
        about="Staff in the Enter Espoo unit with rights to edit the portfolio only (no role).",
    ),
    "ulla": Persona(domain="example.org", about="Has an account but is not staff."),
}


def person(name: str, role: str | None = None) -> User:
    """Create the persona ``name`` (or a user of that name with the workspace ``role``)."""
    persona = PERSONAS[name] if role is None else Persona(role=role)
    email = f"{name}@{persona.domain}"
    if persona.superuser:
        return User.objects.create_superuser(name, email, PASSWORD)
    user = User.objects.create_user(name, email, PASSWORD, is_staff=persona.staff)
    if persona.role:
        setup_roles()
        user.groups.add(Group.objects.get(name=persona.role))
    if persona.permissions_of:
        permissions = Permission.objects.filter(content_type__app_label=persona.permissions_of)
        user.user_permissions.set(permissions)
    return user


def _fixture(name: str) -> Any:
    def fixture(db: Any) -> User:
        return person(name)

    fixture.__doc__ = PERSONAS[name].about
    return pytest.fixture(fixture, name=name)


vera, eddie, ada, sune, pekka, ulla = (
    _fixture(name) for name in ("vera", "eddie", "ada", "sune", "pekka", "ulla")
)


def login(client: Client, user: User) -> Client:
    client.force_login(user)
    return client


@pytest.fixture
def admin_client(client: Client, ada: User) -> Client:
    """The test client, signed in as ada (the admin)."""
    return login(client, ada)
