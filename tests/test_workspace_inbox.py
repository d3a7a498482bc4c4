"""The ideas inbox: filters, search, sorting, counts, age, and bulk actions."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.utils import timezone

from ideas import actions
from ideas.models import AnswerTemplate, Idea, OutboxMessage
from strategy.models import AlignmentLink, Goal, SDGGoal
from tests.personas import login
from tests.workspace_support import make_idea

# The persona fixtures (pytest finds fixtures by name in the test module).

pytestmark = pytest.mark.django_db


def references(client: Client, query: str) -> list[str]:
    response = client.get(f"/en/staff/ideas/?{query}")
    assert response.status_code == 200
    return [idea.reference for idea, _age, _overdue in response.context["rows"]]


def test_filters_search_and_sorting(client: Client, eddie: User) -> None:
    finnish = make_idea(language="fi", organisation_country="FI", title="Koulujen vaihto")
    swedish = make_idea(language="sv", organisation_country="SE", title="Skolutbyte")
    old = make_idea(title="Old idea")
    Idea.objects.filter(pk=old.pk).update(submitted_at=timezone.now() - timedelta(days=20))
    actions.assign_idea(swedish, eddie, eddie)
    actions.change_state(finnish, "in_review", eddie)
    goal = Goal.objects.current().first()
    finnish.goals.add(goal)
    AlignmentLink.objects.create(item=old, sdg=SDGGoal.objects.get(number=4), source="engine")
    login(client, eddie)
    assert references(client, "language=sv") == [swedish.reference]
    assert references(client, "country=FI") == [finnish.reference]
    assert references(client, "q=skolutbyte") == [swedish.reference]
    assert references(client, "assignee=me") == [swedish.reference]
    assert set(references(client, "assignee=none")) == {finnish.reference, old.reference}
    assert references(client, "age=14") == [old.reference]
    assert references(client, "status=in_review") == [finnish.reference]
    assert references(client, f"goal={goal.pk}") == [finnish.reference]
    assert references(client, "sdg=4") == [old.reference]
    assert references(client, "sort=submitted_at")[0] == old.reference
    assert set(references(client, "status=open")) == {
        finnish.reference,
        swedish.reference,
        old.reference,
    }


def test_counts_per_state_follow_the_other_filters(client: Client, eddie: User) -> None:
    one = make_idea(language="fi")
    make_idea(language="fi")
    make_idea(language="en")
    actions.change_state(one, "in_review", eddie)
    login(client, eddie)
    counts = {s: n for s, _label, n in client.get("/en/staff/ideas/?language=fi").context["counts"]}
    assert (counts["received"], counts["in_review"], counts["accepted"]) == (1, 1, 0)


def test_an_idea_waiting_too_long_is_marked(client: Client, eddie: User, settings) -> None:
    settings.IDEAS_REMINDER_DAYS = 7
    idea = make_idea()
    idea.status_history.update(at=timezone.now() - timedelta(days=9))
    Idea.objects.filter(pk=idea.pk).update(submitted_at=timezone.now() - timedelta(days=9))
    login(client, eddie)
    response = client.get("/en/staff/ideas/")
    assert [(age, overdue) for _i, age, overdue in response.context["rows"]] == [(9, True)]
    assert "waiting too long" in response.content.decode()


def test_bad_filter_values_show_everything_instead_of_failing(client: Client, eddie: User) -> None:
    make_idea()
    login(client, eddie)
    assert len(references(client, "age=abc&sort=password&goal=x&page=999")) == 1


def bulk(client: Client, ideas: list[Idea], **data: object) -> object:
    payload = {"bulk-ideas": [f"{i.pk}.{Idea.objects.get(pk=i.pk).version}" for i in ideas]}
    payload.update({f"bulk-{key}": value for key, value in data.items()})
    return client.post("/en/staff/ideas/bulk/", payload, follow=True)


def test_bulk_assign(client: Client, eddie: User) -> None:
    ideas = [make_idea(), make_idea()]
    login(client, eddie)
    response = bulk(client, ideas, action="assign", assignee=eddie.pk)
    assert "Done for 2 ideas" in response.content.decode()
    assert Idea.objects.filter(assignee=eddie).count() == 2


def test_bulk_state_change_refuses_only_the_impossible_ones(client: Client, eddie: User) -> None:
    fresh, closed = make_idea(), make_idea()
    actions.change_state(closed, "declined", eddie, reason="Out of scope.")
    login(client, eddie)
    response = bulk(client, [fresh, closed], action="state", new_state="in_review")
    html = response.content.decode()
    assert f"Done for 1 ideas: {fresh.reference}" in html
    assert f"{closed.reference}: An idea that is “declined” cannot be marked “in review”." in html
    assert Idea.objects.get(pk=fresh.pk).status == "in_review"
    assert Idea.objects.get(pk=closed.pk).status == "declined"


def test_bulk_answer_uses_each_proposers_language(client: Client, eddie: User) -> None:
    ideas = [make_idea(language="fi"), make_idea(language="sv")]
    template = AnswerTemplate.objects.get(slug="in-review")
    login(client, eddie)
    bulk(client, ideas, action="answer", template=template.pk)
    for idea, text in zip(ideas, [template.body_fi, template.body_sv], strict=True):
        answers = OutboxMessage.objects.filter(
            subject__contains=idea.reference, body__contains=text
        )
        assert answers.count() == 1
        assert idea.answers.get().language == idea.language


def test_bulk_refuses_an_idea_changed_since_the_list_was_shown(
    client: Client, eddie: User, sune: User
) -> None:
    idea = make_idea()
    login(client, eddie)
    stale = f"{idea.pk}.{idea.version}"
    actions.assign_idea(idea, sune, sune)
    response = client.post(
        "/en/staff/ideas/bulk/",
        {"bulk-ideas": [stale], "bulk-action": "state", "bulk-new_state": "in_review"},
        follow=True,
    )
    assert "changed by someone else" in response.content.decode()
    assert Idea.objects.get(pk=idea.pk).status == "received"


def test_bulk_without_a_choice_shows_the_errors(client: Client, eddie: User) -> None:
    make_idea()
    login(client, eddie)
    response = client.post("/en/staff/ideas/bulk/", {"bulk-action": "state"})
    assert response.status_code == 400
    html = response.content.decode()
    assert "Please correct the following" in html and "Choose the new state." in html


def test_a_viewer_sees_the_inbox_without_bulk_actions(client: Client, vera: User) -> None:
    make_idea()
    login(client, vera)
    html = client.get("/en/staff/ideas/").content.decode()
    assert "Apply to the selected ideas" not in html and 'name="bulk-ideas"' not in html
