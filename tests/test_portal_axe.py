"""axe-core in headless Chromium finds no WCAG 2.1 AA violations on the portal's pages.

Every page type in Finnish, Swedish and English (texts differ in length and
language, so contrast, names and landmarks are checked in each).
"""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from tests.a11y import assert_no_violations
from tests.test_portal_accessibility import PAGES

pytestmark = pytest.mark.django_db

ALL = [
    page.format(lang=lang)
    for page in PAGES
    if "no-such-page" not in page
    for lang in ("fi", "sv", "en")
]
NOT_FOUND = ["/fi/no-such-page/", "/sv/activities/no-such-activity/", "/en/no-such-page/"]


@pytest.mark.parametrize("path", ALL)
def test_portal_page_has_no_axe_violations(browser: Any, client: Client, path: str) -> None:
    assert_no_violations(browser, client, path)


@pytest.mark.parametrize("path", NOT_FOUND)
def test_not_found_page_has_no_axe_violations(browser: Any, client: Client, path: str) -> None:
    assert_no_violations(browser, client, path, expect=404)
