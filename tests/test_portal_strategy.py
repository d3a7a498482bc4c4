"""Home, goal and SDG pages: seeded content in three languages, confirmed work only."""

from __future__ import annotations

from html import escape
from typing import Any

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db.models import Model
from django.test import Client

from portfolio.models import Activity
from registry.models import NetworkMembership
from strategy.models import AlignmentLink, Commitment, Goal, SDGGoal, current_goal_period
from tests.portal_support import LANGUAGES, page

pytestmark = pytest.mark.django_db


def link(item: Model, review: str = "confirmed", **framework: Model) -> AlignmentLink:
    """A staff link (replacing an engine suggestion for the same goal, SDG or target)."""
    lookup: dict[str, Any] = {
        "content_type": ContentType.objects.get_for_model(item),
        "object_id": item.pk,
        **framework,
    }
    defaults = {"source": AlignmentLink.Source.STAFF, "review_state": review}
    found, _created = AlignmentLink.objects.update_or_create(defaults=defaults, **lookup)
    return found


@pytest.mark.parametrize("language", LANGUAGES)
def test_home_shows_pillars_goals_and_commitments_in_each_language(
    client: Client, language: str
) -> None:
    html = page(client, f"/{language}/")
    period = current_goal_period()
    assert period is not None
    assert escape(getattr(period, f"title_{language}")) in html
    for goal in Goal.objects.current():
        assert escape(getattr(goal, f"title_{language}")) in html
    for commitment in Commitment.objects.all():
        assert escape(getattr(commitment, f"title_{language}")) in html
    assert "2030" in html


def test_home_says_the_newer_period_is_not_yet_complete(client: Client) -> None:
    html = page(client, "/en/")
    assert "Espoo – capital of children and youth" in html
    assert "is not yet complete in this service" in html
    assert "the goals of Espoo Story 2021–2025 are shown here and used for alignment" in html


def test_home_invites_to_submit_an_idea(client: Client) -> None:
    html = page(client, "/en/")
    assert "Send a cooperation idea" in html
    assert 'href="/en/ideas/' in html


def test_missing_idea_form_hides_the_call_to_action(
    client: Client, monkeypatch: pytest.MonkeyPatch
) -> None:
    from portal import fragments

    monkeypatch.setattr("portal.templatetags.portal._optional_url", lambda name: "")
    fragments.forget()  # the header is kept per process for a fixed URL configuration
    try:
        assert "Send a cooperation idea" not in page(client, "/en/")
    finally:
        fragments.forget()


@pytest.mark.parametrize("language", LANGUAGES)
def test_goal_index_lists_the_current_goals(client: Client, language: str) -> None:
    html = page(client, f"/{language}/goals/")
    for goal in Goal.objects.current():
        assert f'href="/{language}/goals/2021-2025/{goal.number}/"' in html


@pytest.mark.parametrize("language", LANGUAGES)
def test_goal_page_shows_how_international_work_serves_it(client: Client, language: str) -> None:
    goal = Goal.objects.get(period__slug="2021-2025", number=6)
    html = page(client, f"/{language}/goals/2021-2025/6/")
    assert escape(getattr(goal, f"description_{language}")) in html
    for pillar in goal.pillars.all():
        assert escape(getattr(pillar, f"title_{language}")) in html
    for commitment in goal.commitments.all():
        assert escape(getattr(commitment, f"title_{language}")) in html


def test_goal_page_lists_confirmed_public_work_only(client: Client) -> None:
    goal = Goal.objects.get(period__slug="2021-2025", number=6)
    sparcs = Activity.objects.get(slug="sparcs")
    link(sparcs, goal=goal)
    link(Activity.objects.get(slug="alliance"), review="pending", goal=goal)
    secret = Activity.objects.create(
        slug="secret", title_fi="Salainen hanke", kind="other", status="planned", public=False
    )
    link(secret, goal=goal)
    link(NetworkMembership.objects.get(slug="netzerocities"), goal=goal)
    html = page(client, "/en/goals/2021-2025/6/")
    assert "SPARCS" in html
    assert "ALLIANCE" not in html
    assert "Salainen" not in html
    assert "EU Mission Cities / NetZeroCities" in html


def test_unknown_goal_is_not_found(client: Client) -> None:
    assert client.get("/fi/goals/2021-2025/99/").status_code == 404
    assert client.get("/fi/goals/1999-2000/1/").status_code == 404


@pytest.mark.parametrize("language", LANGUAGES)
def test_sdg_index_lists_all_seventeen(client: Client, language: str) -> None:
    html = page(client, f"/{language}/sdg/")
    for sdg in SDGGoal.objects.all():
        assert escape(getattr(sdg, f"title_{language}")) in html
        assert f'href="/{language}/sdg/{sdg.number}/"' in html


@pytest.mark.parametrize("language", LANGUAGES)
def test_sdg_page_shows_its_targets(client: Client, language: str) -> None:
    sdg = SDGGoal.objects.get(number=13)
    html = page(client, f"/{language}/sdg/13/")
    assert escape(getattr(sdg, f"title_{language}")) in html
    for target in sdg.targets.all():
        assert target.code in html
        assert escape(getattr(target, f"title_{language}")) in html


def test_sdg_page_lists_work_linked_to_the_goal_or_its_targets(client: Client) -> None:
    sdg = SDGGoal.objects.get(number=11)
    link(Activity.objects.get(slug="sparcs"), target=sdg.targets.get(code="11.6"))
    link(Activity.objects.get(slug="alliance"), sdg=sdg)
    link(Activity.objects.get(slug="fair"), review="rejected", sdg=sdg)
    html = page(client, "/en/sdg/11/")
    assert "SPARCS" in html
    assert "ALLIANCE" in html
    assert "FAIR" not in html


def test_unknown_sdg_is_not_found(client: Client) -> None:
    assert client.get("/fi/sdg/18/").status_code == 404
