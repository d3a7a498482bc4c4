"""axe-core in headless Chromium finds no WCAG 2.1 AA violations on the EU-data staff pages."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.test import Client

from eudata.importer import run_import
from tests import eudata_support as s
from tests.a11y import assert_no_violations
from tests.personas import login

pytestmark = pytest.mark.django_db
PAGES = ["", "import/", "imports/", "imports/{run}/", "city/"]


@pytest.mark.parametrize("language", ["fi", "en"])
@pytest.mark.parametrize("page", PAGES)
def test_eu_data_page_has_no_axe_violations(
    browser: Any, client: Client, sune: User, tmp_path: Path, language: str, page: str
) -> None:
    projects, orgs = s.sample()
    orgs[1]["ecContribution"] = "bad"
    run = run_import("cordis", [s.cordis_zip(tmp_path / "a.zip", projects, orgs)])
    login(client, sune)
    path = f"/{language}/staff/eu-data/{page.format(run=run.pk)}"
    assert_no_violations(browser, client, path)
