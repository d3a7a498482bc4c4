"""The alignment review queue: machine suggestions labelled, confirmed or rejected by staff."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth.models import User
from django.test import Client

from audit.models import AuditEvent
from portfolio.models import Activity
from strategy.models import AlignmentLink, SDGGoal, SDGTarget
from tests.personas import login
from tests.workspace_support import make_idea

# The persona fixtures (pytest finds fixtures by name in the test module).

pytestmark = pytest.mark.django_db


@pytest.fixture
def suggestion(db: object) -> AlignmentLink:
    return AlignmentLink.objects.create(
        item=make_idea(),
        target=SDGTarget.objects.get(code="11.6"),
        source="engine",
        confidence=0.83,
        evidence="“street lighting” matches target 11.6",
    )


def test_pending_suggestions_are_labelled_as_machine_made_with_evidence(
    client: Client, vera: User, suggestion: AlignmentLink
) -> None:
    login(client, vera)
    html = client.get("/en/staff/alignment/").content.decode()
    assert "Machine suggestion" in html and "confidence 83 %" in html
    assert "matches target 11.6" in html
    assert f"/en/staff/ideas/{suggestion.object_id}/" in html
    assert 'name="decision"' not in html  # a viewer cannot decide


def test_an_editor_confirms_a_suggestion(
    client: Client, eddie: User, suggestion: AlignmentLink
) -> None:
    login(client, eddie)
    response = client.post(
        f"/en/staff/alignment/{suggestion.pk}/review/",
        {"decision": "confirm", "back": "/en/staff/alignment/?state=pending"},
    )
    assert response.status_code == 302
    assert response["Location"] == "/en/staff/alignment/?state=pending"
    suggestion.refresh_from_db()
    assert (suggestion.review_state, suggestion.reviewed_by) == ("confirmed", eddie)
    assert suggestion.reviewed_at is not None
    assert AuditEvent.objects.filter(
        model="strategy.alignmentlink", object_id=str(suggestion.pk), action="update", actor=eddie
    ).exists()
    pending = client.get("/en/staff/alignment/?state=pending").context["rows"]
    confirmed = client.get("/en/staff/alignment/?state=confirmed").context["rows"]
    assert suggestion not in [row[0] for row in pending]
    assert suggestion in [row[0] for row in confirmed]


def test_an_editor_rejects_from_the_idea_page(
    client: Client, eddie: User, suggestion: AlignmentLink
) -> None:
    login(client, eddie)
    page = f"/en/staff/ideas/{suggestion.object_id}/"
    assert "Machine suggestion" in client.get(page).content.decode()
    client.post(
        f"/en/staff/alignment/{suggestion.pk}/review/", {"decision": "reject", "back": page}
    )
    suggestion.refresh_from_db()
    assert suggestion.review_state == "rejected"


def test_the_queue_filters_by_kind_of_item_and_refuses_unsafe_returns(
    client: Client, eddie: User, suggestion: AlignmentLink
) -> None:
    activity = Activity.objects.filter(public=True).first()
    other = AlignmentLink.objects.create(  # SDG 1: the seed links no activity to it
        item=activity, sdg=SDGGoal.objects.get(number=1), source="staff"
    )
    login(client, eddie)
    rows = client.get("/en/staff/alignment/?state=all&kind=portfolio.activity").context["rows"]
    links = [row[0] for row in rows]
    assert links[0] == other and suggestion not in links
    assert {link.content_type.model for link in links} == {"activity"}
    response = client.post(
        f"/en/staff/alignment/{other.pk}/review/",
        {"decision": "confirm", "back": "https://evil.example/"},
    )
    assert response["Location"] == "/en/staff/alignment/"


def test_accepting_an_idea_carries_confirmed_links_to_the_activity(
    eddie: User, suggestion: AlignmentLink
) -> None:
    from ideas import actions
    from strategy.review import review_link

    review_link(suggestion, "confirm", eddie)
    idea: Any = suggestion.item
    actions.change_state(idea, "in_review", eddie)
    idea = actions.change_state(idea, "accepted", eddie, activity_kind="event")
    copied = AlignmentLink.objects.get(object_id=idea.activity.pk, content_type__model="activity")
    assert (copied.target, copied.review_state, copied.source) == (
        suggestion.target,
        "confirmed",
        "staff",
    )
