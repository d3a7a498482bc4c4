"""WCAG 2.1 AA of the "please try again" page (database unavailable), in fi, sv and en."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.db import OperationalError, connection
from django.test import Client

from tests.a11y import axe_violations, describe

pytestmark = pytest.mark.django_db


def no_goals(execute: Callable[..., Any], sql: str, *args: Any) -> Any:
    if '"strategy_goal"' in sql:  # the idea form lists the goals: the database is away
        raise OperationalError("could not connect to server")
    return execute(sql, *args)


@pytest.mark.parametrize("lang", ["fi", "sv", "en"])
def test_the_try_again_page_has_no_violations(browser: Any, client: Client, lang: str) -> None:
    with connection.execute_wrapper(no_goals):
        violations = axe_violations(browser, client, f"/{lang}/ideas/", expect=503)
    assert not violations, describe(violations)
