"""WCAG 2.1 AA on the radar's pages: axe-core in headless Chromium finds no violations."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth.models import User
from django.test import Client

from radar.fileimport import import_file
from radar.models import Call, FetchRun
from tests.a11y import assert_no_violations
from tests.personas import login
from tests.radar_fixtures.fake_portal import fixture
from tests.workspace_support import make_idea

pytestmark = pytest.mark.django_db


def test_radar_pages_have_no_violations(browser: Any, client: Client, eddie: User) -> None:
    make_idea(title="Coastal cities adapt to climate change")
    import_file("calls_good.csv", fixture("calls_good.csv"))
    call = Call.objects.get(call_id="INTERREG-BSR-2026-1")
    queued = FetchRun.objects.create(source="portal", status=FetchRun.Status.QUEUED)
    login(client, eddie)
    for page in [
        "/fi/staff/radar/",
        "/sv/staff/radar/?q=nothing-matches",
        f"/fi/staff/radar/calls/{call.pk}/",
        "/en/staff/radar/pipeline/",
        "/fi/staff/radar/watch/",
        "/sv/staff/radar/import/",
        f"/fi/staff/radar/runs/{queued.pk}/",  # reloads itself (a static script)
    ]:
        assert_no_violations(browser, client, page)
