"""Reminders to assignees and the team's daily digest, both through the outbox."""

from __future__ import annotations

import io
from datetime import timedelta
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command
from django.utils import timezone

from ideas import actions
from ideas.models import Idea, OutboxMessage
from tests.workspace_support import make_idea
from workspace.digest import send_digest, send_reminders

# The persona fixtures (pytest finds fixtures by name in the test module).

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def staff_language(settings: Any) -> None:
    """Staff mail is written in LANGUAGE_CODE; English keeps these checks readable."""
    settings.LANGUAGE_CODE = "en"


def age(idea: Idea, days: int) -> None:
    when = timezone.now() - timedelta(days=days)
    idea.status_history.update(at=when)
    Idea.objects.filter(pk=idea.pk).update(submitted_at=when)


def reminders_to(user: User) -> list[OutboxMessage]:
    return list(OutboxMessage.objects.filter(to=user.email, subject__contains="waiting"))


def test_an_assignee_is_reminded_once_per_period(eddie: User, settings: Any) -> None:
    settings.IDEAS_REMINDER_DAYS = 7
    waiting, fresh = make_idea(), make_idea()
    for idea in (waiting, fresh):
        actions.assign_idea(idea, eddie, eddie)
    age(waiting, 8)
    out = io.StringIO()
    call_command("send_idea_reminders", stdout=out)
    assert "1 reminders queued." in out.getvalue()
    (mail,) = reminders_to(eddie)
    assert waiting.reference in mail.body and fresh.reference not in mail.body
    assert f"/en/staff/ideas/{waiting.pk}/" in mail.body
    assert send_reminders() == 0  # not again the same day
    assert send_reminders(now=timezone.now() + timedelta(days=8)) == 1


def test_an_answer_stops_the_reminders_but_a_change_of_state_alone_does_not(
    eddie: User,
) -> None:
    idea = make_idea()
    actions.assign_idea(idea, eddie, eddie)
    age(idea, 10)
    actions.change_state(idea, "in_review", eddie)  # the proposer still has no answer
    assert send_reminders() == 1
    actions.answer_idea(idea, "We will come back to this in January.", eddie)
    assert send_reminders(now=timezone.now() + timedelta(days=30)) == 0


@pytest.mark.parametrize(
    ("answer_days", "age_days", "reminded"), [(14, 6, 0), (14, 7, 1), (30, 20, 0), (30, 23, 1)]
)
def test_the_promised_answer_time_drives_the_reminders(
    eddie: User, settings: Any, answer_days: int, age_days: int, reminded: int
) -> None:
    """Assignees hear IDEAS_REMINDER_DAYS (7) before the promised date (IDEAS_ANSWER_DAYS)."""
    settings.IDEAS_ANSWER_DAYS, settings.IDEAS_REMINDER_DAYS = answer_days, 7
    idea = make_idea()
    actions.assign_idea(idea, eddie, eddie)
    age(idea, age_days)
    assert send_reminders() == reminded
    if reminded:
        (mail,) = reminders_to(eddie)
        assert f"within {answer_days} days" in mail.body and "answer due" in mail.body


def test_while_the_proposer_is_asked_for_more_the_city_is_not_reminded(eddie: User) -> None:
    idea = make_idea()
    actions.assign_idea(idea, eddie, eddie)
    actions.change_state(idea, "in_review", eddie)
    actions.change_state(idea, "more_info_requested", eddie, answer="Which street?")
    age(idea, 40)
    assert send_reminders() == 0


def test_the_digest_sums_up_the_day_for_the_team(eddie: User, settings: Any) -> None:
    settings.IDEAS_TEAM_EMAIL = "team@espoo.example"
    new = make_idea()
    waiting = make_idea()
    age(waiting, 9)
    out = io.StringIO()
    call_command("send_team_digest", stdout=out)
    assert "Digest queued." in out.getvalue()
    mail = OutboxMessage.objects.get(to="team@espoo.example", subject__contains="digest")
    assert new.reference in mail.body and waiting.reference in mail.body
    assert "nobody is assigned to: 2" in mail.body
    assert mail.language == "en"


def test_no_digest_when_nothing_happened(db: Any, settings: Any) -> None:
    settings.IDEAS_TEAM_EMAIL = "team@espoo.example"
    assert send_digest() is False
    settings.IDEAS_TEAM_EMAIL = ""
    make_idea()
    assert send_digest() is False
    assert not OutboxMessage.objects.filter(subject__contains="digest").exists()
