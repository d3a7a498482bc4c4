"""Details found by looking at the public pages in a browser (issue #16): the goals in use
come before the coming strategy that is not yet complete, and an idea's reference never
breaks at a hyphen in a heading on a phone."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.test import Client

from core.templatetags.design import nowrap
from tests.test_ideas_status import submit_and_get_link

pytestmark = pytest.mark.django_db


def test_the_goals_in_use_come_before_the_coming_strategy(client: Client) -> None:
    html = client.get("/en/goals/").content.decode()
    current, coming = html.index('id="period-2021-2025"'), html.index('id="period-2025-2029"')
    assert current < coming
    assert '<p class="notice"><strong>The new strategy is not yet complete' in html


def test_the_reference_in_the_status_heading_stays_on_one_line(
    client: Client, settings: Any, tmp_path: Path
) -> None:
    settings.IDEAS_MIN_FILL_SECONDS = 0
    settings.IDEAS_ATTACHMENT_DIR = tmp_path
    idea, link = submit_and_get_link(client, language="fi")
    status = client.get(link).content.decode()
    withdraw = client.get(link + "withdraw/").content.decode()
    span = f'<span class="nowrap">{idea.reference}</span>'
    assert f"<h1>Ideasi {span}</h1>" in status
    assert span in withdraw


def test_nowrap_escapes_its_value() -> None:
    assert nowrap("<b>") == '<span class="nowrap">&lt;b&gt;</span>'
