"""WCAG 2.1 AA: axe-core in headless Chromium reports no violations on our pages."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth.models import User
from django.test import Client

from tests.a11y import assert_no_violations
from tests.personas import login

pytestmark = pytest.mark.django_db

PUBLIC_PAGES = ["/{lang}/", "/{lang}/admin/login/"]
STAFF_PAGES = ["/{lang}/admin/", "/{lang}/admin/portfolio/activity/"]


@pytest.mark.parametrize("lang", ["fi", "sv", "en"])
@pytest.mark.parametrize("page", PUBLIC_PAGES)
def test_public_pages_have_no_violations(
    browser: Any, client: Client, page: str, lang: str
) -> None:
    assert_no_violations(browser, client, page.format(lang=lang))


@pytest.mark.parametrize("page", STAFF_PAGES)
def test_staff_pages_have_no_violations(
    browser: Any, client: Client, sune: User, page: str
) -> None:
    login(client, sune)
    assert_no_violations(browser, client, page.format(lang="fi"))
