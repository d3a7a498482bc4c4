"""Personas and the seeded database shared by the suite.

The real Espoo seed is loaded once per test session into the test database;
every test runs inside a transaction that is rolled back, so each sees it fresh.
"""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth.models import Permission, User
from django.test import Client
from django.utils import translation

from audit.context import Actor, acting_as
from core.seeding import load_seed

pytest_plugins = ["tests.a11y"]  # the headless-browser fixture

PASSWORD = "correct-horse-battery-staple-42"


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup: Any, django_db_blocker: Any) -> None:
    with django_db_blocker.unblock(), acting_as(Actor(label="test-setup")):
        load_seed()


@pytest.fixture(autouse=True)
def english() -> Any:
    """Tests read English messages unless they switch language themselves."""
    with translation.override("en"):
        yield


@pytest.fixture(autouse=True)
def empty_cache() -> Any:
    """Cached pages and facets of one test's (rolled-back) data must not reach the next."""
    from django.core.cache import cache

    cache.clear()
    yield


@pytest.fixture(autouse=True)
def fresh_similarity_index() -> Any:
    """Each test's rolled-back data must not linger in the per-process index."""
    from strategy import similarity

    similarity.forget()
    yield
    similarity.forget()


@pytest.fixture
def alice(db: Any) -> User:
    """Alice is an admin of the international team."""
    return User.objects.create_superuser("alice", "alice@espoo.example", PASSWORD)


@pytest.fixture
def bob(db: Any) -> User:
    """Bob is staff in the Enter Espoo unit with rights to edit the portfolio only."""
    user = User.objects.create_user("bob", "bob@espoo.example", PASSWORD, is_staff=True)
    user.user_permissions.set(Permission.objects.filter(content_type__app_label="portfolio"))
    return user


@pytest.fixture
def charlie(db: Any) -> User:
    """Charlie has an account but is not staff."""
    return User.objects.create_user("charlie", "charlie@example.org", PASSWORD)


def login(client: Client, user: User) -> Client:
    client.force_login(user)
    return client
