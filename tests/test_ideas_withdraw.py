"""The proposer withdraws an open idea from the private status page."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from audit.models import AuditEvent
from ideas import actions
from ideas.models import Idea, OutboxMessage, Status
from tests.workspace_support import make_idea, status_path

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def team_mailbox(settings: Any) -> None:
    settings.IDEAS_TEAM_EMAIL = "international@espoo.example"


def test_the_status_page_offers_withdrawal_of_an_open_idea(client: Client) -> None:
    idea = make_idea()
    page = client.get(status_path(idea)).content.decode()
    assert "/withdraw/" in page
    confirm = client.get(status_path(idea) + "withdraw/")
    assert confirm.status_code == 200
    assert confirm["Referrer-Policy"] == "no-referrer"
    assert "cannot be undone" in confirm.content.decode()
    assert Idea.objects.get(pk=idea.pk).status == Status.RECEIVED  # a GET changes nothing


def test_withdrawal_closes_the_idea_records_the_reason_and_tells_the_team(client: Client) -> None:
    idea = make_idea()
    path = status_path(idea)
    response = client.post(path + "withdraw/", {"reason": "We found another partner."})
    assert response.status_code == 302
    assert response["Location"].endswith("?withdrawn=1")
    idea.refresh_from_db()
    assert idea.status == Status.WITHDRAWN
    assert idea.closed_at is not None
    step = idea.status_history.get(status=Status.WITHDRAWN)
    assert step.by is None and step.reason == "We found another partner."
    team_mail = OutboxMessage.objects.filter(to="international@espoo.example")
    team = team_mail.filter(subject__contains=idea.reference).latest("id")  # in Finnish
    assert "We found another partner." in team.body
    assert AuditEvent.objects.filter(object_id=str(idea.pk), action="update").exists()
    page = client.get(response["Location"]).content.decode()
    assert "has been withdrawn" in page
    assert "/withdraw/" not in page  # no second withdrawal offered


def test_a_second_withdrawal_or_one_after_a_decision_is_refused(client: Client, eddie: Any) -> None:
    idea = make_idea()
    path = status_path(idea)
    client.post(path + "withdraw/", {"reason": ""})
    again = client.post(path + "withdraw/", {"reason": "again"})
    assert again.status_code == 400  # refused, with the reason on the page
    assert "can no longer be withdrawn" in again.content.decode()
    assert Idea.objects.get(pk=idea.pk).status_history.filter(status=Status.WITHDRAWN).count() == 1

    decided = make_idea(title="Decided already")
    actions.change_state(decided, Status.DECLINED, eddie, reason="Out of scope")
    refused = client.post(status_path(decided) + "withdraw/", {"reason": "late"})
    assert Idea.objects.get(pk=decided.pk).status == Status.DECLINED
    assert "can no longer be withdrawn" in refused.content.decode()


def test_an_oversized_reason_is_refused_and_nothing_changes(client: Client) -> None:
    idea = make_idea()
    response = client.post(status_path(idea) + "withdraw/", {"reason": "x" * 60_000})
    assert response.status_code == 400
    assert "longer than" in response.content.decode()
    assert Idea.objects.get(pk=idea.pk).status == Status.RECEIVED


def test_an_unknown_token_cannot_withdraw_anything(client: Client) -> None:
    idea = make_idea()
    response = client.post("/en/ideas/status/not-a-real-token/withdraw/", {"reason": ""})
    assert response.status_code == 404
    assert Idea.objects.get(pk=idea.pk).status == Status.RECEIVED


@pytest.mark.parametrize(("language", "words"), [("fi", "Peru"), ("sv", "Dra tillbaka")])
def test_the_confirmation_page_speaks_finnish_and_swedish(
    client: Client, language: str, words: str
) -> None:
    idea = make_idea()
    path = status_path(idea).replace("/en/", f"/{language}/", 1)
    response = client.get(path + "withdraw/")
    html = response.content.decode()
    assert response.status_code == 200
    assert f'lang="{language}"' in html
    assert words in html  # the button's label in the page's language
    assert "Withdraw the idea" not in html
