"""WCAG 2.1 AA in the staff workspace: axe-core in headless Chromium finds no violations."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth.models import User
from django.test import Client

from ideas import actions
from ideas.models import Idea
from strategy.models import AlignmentLink, SDGTarget
from tests.a11y import assert_no_violations
from tests.ideas_support import pdf
from tests.personas import login
from tests.workspace_support import IDEA_DATA

# The persona fixtures (pytest finds fixtures by name in the test module).

pytestmark = pytest.mark.django_db


@pytest.fixture
def idea(settings: Any, tmp_path: Any, eddie: User) -> Idea:
    settings.IDEAS_ATTACHMENT_DIR = tmp_path
    idea = actions.submit_idea(data=IDEA_DATA, token="axe", attachments=[(pdf(), "pdf")]).idea
    AlignmentLink.objects.create(
        item=idea,
        target=SDGTarget.objects.get(code="11.6"),
        source="engine",
        confidence=0.8,
        evidence="street lighting",
    )
    actions.change_state(idea, "in_review", eddie, reason="Promising.")
    actions.answer_idea(idea, "Thank you, we are on it.", eddie)
    actions.add_note(idea, "Ask the lighting unit.", eddie)
    return idea


def pages(idea: Idea) -> list[str]:
    return [
        "/{lang}/staff/",
        "/{lang}/staff/ideas/",
        f"/{{lang}}/staff/ideas/{idea.pk}/",
        "/{lang}/staff/alignment/",
        "/{lang}/staff/alignment/?state=all",
    ]


@pytest.mark.parametrize("lang", ["fi", "sv", "en"])
def test_the_staff_login_has_no_violations(browser: Any, client: Client, lang: str) -> None:
    assert_no_violations(browser, client, f"/{lang}/staff/login/")


@pytest.mark.parametrize("persona", ["eddie", "vera"])
def test_triage_pages_have_no_violations(
    browser: Any, client: Client, idea: Idea, persona: str, request: Any
) -> None:
    login(client, request.getfixturevalue(persona))
    for page in pages(idea):
        assert_no_violations(browser, client, page.format(lang="fi"))


def test_the_idea_page_with_a_template_filled_in_has_no_violations(
    browser: Any, client: Client, idea: Idea, eddie: User
) -> None:
    login(client, eddie)
    assert_no_violations(browser, client, f"/en/staff/ideas/{idea.pk}/?template=1")


def test_admin_pages_have_no_violations(
    browser: Any, client: Client, idea: Idea, ada: User
) -> None:
    login(client, ada)
    for page in ["/sv/staff/audit/", "/sv/staff/people/"]:
        assert_no_violations(browser, client, page)


def test_strategy_pages_have_no_violations(browser: Any, client: Client, ada: User) -> None:
    from strategy.models import Goal, RealignRun, StrategyPeriod

    login(client, ada)
    period = StrategyPeriod.objects.get(slug="2025-2029")
    goal = Goal.objects.filter(period__slug="2021-2025").first()
    assert goal is not None
    run = RealignRun.objects.create(status="running", total=10, done=4)
    for page in [
        "/fi/staff/strategy/",
        f"/sv/staff/strategy/periods/{period.pk}/goals/new/",
        f"/en/staff/strategy/goals/{goal.pk}/edit/",
        f"/fi/staff/strategy/realign/{run.pk}/?reload=off",
    ]:
        assert_no_violations(browser, client, page)
