"""The seeded database shared by the suite; the personas live in ``tests/personas.py``.

The real Espoo seed is loaded once per test session into the test database;
every test runs inside a transaction that is rolled back, so each sees it fresh.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.utils import translation

from audit.context import Actor, acting_as
from core.seeding import load_seed

# the headless-browser fixture; the one persona set (vera, eddie, ada, sune, pekka, ulla)
pytest_plugins = ["tests.a11y", "tests.personas"]


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
def attachment_dir(settings: Any, tmp_path: Path) -> Path:
    """Idea attachments of the test go to its own folder (which may not exist yet)."""
    settings.IDEAS_ATTACHMENT_DIR = tmp_path / "attachments"
    return settings.IDEAS_ATTACHMENT_DIR
