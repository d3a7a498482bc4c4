"""axe-core in headless Chromium finds no WCAG 2.1 AA violations on the portal's pages.

Every page type in Finnish; Swedish and English only for two pages, since the
structure is the same in every language and each browser check takes a second or two.
"""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from tests.a11y import axe_violations, describe
from tests.test_portal_accessibility import PAGES

pytestmark = pytest.mark.django_db

FINNISH = [page.format(lang="fi") for page in PAGES if "no-such-page" not in page]
OTHER_LANGUAGES = ["/sv/", "/sv/activities/", "/en/", "/en/activities/sparcs/"]


@pytest.mark.parametrize("path", FINNISH + OTHER_LANGUAGES)
def test_portal_page_has_no_axe_violations(browser: Any, client: Client, path: str) -> None:
    violations = axe_violations(browser, client, path)
    assert not violations, describe(violations)
