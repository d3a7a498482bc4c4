"""Triage of one idea: states, answers in the proposer's language, acceptance into an
activity, notes, assignment, stale forms and impossible transitions."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied
from django.test import Client
from django.utils.html import escape

from audit.models import AuditEvent
from ideas import actions
from ideas.models import AnswerTemplate, Idea, OutboxMessage, StatusChange
from portfolio.models import Activity
from registry.models import Organisation
from tests.ideas_support import pdf
from tests.personas import login
from tests.workspace_support import IDEA_DATA, make_idea, status_path, version_of

# The persona fixtures (pytest finds fixtures by name in the test module).

pytestmark = pytest.mark.django_db


def post_state(client: Client, idea: Idea, state: str, **extra: Any) -> Any:
    data = {"state-new_state": state, "state-version": str(version_of(idea))}
    data.update({f"state-{key}": value for key, value in extra.items()})
    return client.post(f"/en/staff/ideas/{idea.pk}/state/", data)


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_an_editor_triages_answers_and_accepts_in_the_proposers_language(
    client: Client, eddie: User, language: str
) -> None:
    idea = make_idea(language=language)
    login(client, eddie)
    template = AnswerTemplate.objects.get(slug="in-review")
    response = client.post(
        f"/{language}/staff/ideas/{idea.pk}/state/",
        {"state-new_state": "in_review", "state-version": "1", "state-template": template.pk},
    )
    assert response.status_code == 302
    text = template.text_in(language)
    mail = OutboxMessage.objects.filter(to=idea.contact_email).latest("id")
    assert (mail.language, idea.reference in mail.subject) == (language, True)
    assert text in mail.body and "Mari Maasikas" in mail.body
    status_page = client.get(status_path(idea)).content.decode()
    assert escape(text) in status_page

    response = post_state(
        client, idea, "accepted", activity_kind="benchmarking", reason="Fits goal 3."
    )
    assert response.status_code == 302
    idea.refresh_from_db()
    assert idea.status == "accepted" and idea.closed_at is not None
    activity = idea.activity
    assert activity is not None and activity.public is False
    assert (activity.kind, activity.status, activity.title_fi) == (
        "benchmarking",
        "planned",
        IDEA_DATA["title"],
    )
    assert idea.reference in activity.description_fi
    assert activity.participants.get().organisation.name == "Example University"
    steps = list(idea.status_history.values_list("status", "by__username", "reason"))
    assert steps == [
        ("received", None, ""),
        ("in_review", "eddie", ""),
        ("accepted", "eddie", "Fits goal 3."),
    ]


def test_accepting_reuses_an_organisation_with_the_same_name(eddie: User) -> None:
    espoo = Organisation.objects.get(slug="espoo")
    idea = make_idea(organisation_name=espoo.name_fi.upper())
    actions.change_state(idea, "in_review", eddie)
    idea = actions.change_state(idea, "accepted", eddie, activity_kind="event")
    assert idea.activity.participants.get().organisation == espoo  # type: ignore[union-attr]


def test_accepting_needs_the_kind_of_activity(client: Client, eddie: User) -> None:
    idea = make_idea()
    login(client, eddie)
    post_state(client, idea, "in_review")
    response = post_state(client, idea, "accepted")
    assert response.status_code == 400
    assert "Choose the kind of activity" in response.content.decode()
    assert not Activity.objects.filter(source_idea=idea).exists()


def test_declining_needs_a_reason(client: Client, eddie: User) -> None:
    idea = make_idea()
    login(client, eddie)
    response = post_state(client, idea, "declined")
    assert response.status_code == 400
    assert "Write the reason" in response.content.decode()
    assert Idea.objects.get(pk=idea.pk).status == "received"


def test_an_impossible_transition_is_refused_with_a_clear_message(
    client: Client, eddie: User
) -> None:
    idea = make_idea()
    login(client, eddie)
    response = post_state(client, idea, "accepted", activity_kind="event")
    assert response.status_code == 400
    assert "An idea that is “received” cannot be marked “accepted”." in response.content.decode()
    assert StatusChange.objects.filter(idea=idea).count() == 1
    assert Idea.objects.get(pk=idea.pk).status == "received"


def test_a_closed_idea_cannot_change_state(eddie: User) -> None:
    idea = make_idea()
    actions.change_state(idea, "withdrawn", eddie, reason="The proposer wrote to us.")
    with pytest.raises(actions.InvalidTransition):
        actions.change_state(idea, "in_review", eddie)


def test_an_unknown_state_is_refused(client: Client, eddie: User) -> None:
    idea = make_idea()
    login(client, eddie)
    assert post_state(client, idea, "approved-by-magic").status_code == 400
    assert Idea.objects.get(pk=idea.pk).status == "received"


def test_a_stale_form_does_not_overwrite_a_colleagues_change(
    client: Client, eddie: User, sune: User
) -> None:
    idea = make_idea()
    login(client, eddie)
    seen = version_of(idea)
    actions.change_state(idea, "in_review", sune)  # sune acts while eddie's page is open
    response = client.post(
        f"/en/staff/ideas/{idea.pk}/assign/",
        {"assign-assignee": eddie.pk, "assign-version": str(seen)},
    )
    assert response.status_code == 409
    html = response.content.decode()
    assert "was changed by someone else while you had it open" in html
    assert f'name="assign-version" value="{version_of(idea)}"' in html
    assert Idea.objects.get(pk=idea.pk).assignee is None


def test_a_stale_answer_is_not_sent(client: Client, eddie: User, sune: User) -> None:
    idea = make_idea()
    login(client, eddie)
    seen = version_of(idea)
    actions.answer_idea(idea, "First answer.", sune)
    response = client.post(
        f"/en/staff/ideas/{idea.pk}/answer/",
        {"answer-body": "Second answer.", "answer-version": str(seen)},
    )
    assert response.status_code == 409
    assert list(idea.answers.values_list("body", flat=True)) == ["First answer."]


def test_assignment_and_notes_are_kept_for_colleagues(client: Client, eddie: User) -> None:
    idea = make_idea()
    login(client, eddie)
    client.post(
        f"/en/staff/ideas/{idea.pk}/assign/",
        {"assign-assignee": eddie.pk, "assign-version": "1"},
    )
    client.post(f"/en/staff/ideas/{idea.pk}/notes/", {"note-body": "Ask the lighting unit."})
    idea.refresh_from_db()
    assert idea.assignee == eddie
    assert idea.notes.get().body == "Ask the lighting unit."
    page = client.get(f"/en/staff/ideas/{idea.pk}/").content.decode()
    assert "Ask the lighting unit." in page
    assert "Ask the lighting unit." not in client.get(status_path(idea)).content.decode()


def test_only_people_who_work_on_ideas_can_be_assigned(eddie: User, vera: User) -> None:
    idea = make_idea()
    with pytest.raises(actions.Refused):
        actions.assign_idea(idea, vera, eddie)


def test_actions_check_permission_themselves(vera: User) -> None:
    idea = make_idea()
    with pytest.raises(PermissionDenied):
        actions.change_state(idea, "in_review", vera)
    with pytest.raises(PermissionDenied):
        actions.answer_idea(idea, "Hello", vera)


def test_a_template_fills_the_answer_in_the_proposers_language(client: Client, eddie: User) -> None:
    idea = make_idea(language="sv")
    template = AnswerTemplate.objects.get(slug="declined")
    login(client, eddie)
    page = client.get(f"/en/staff/ideas/{idea.pk}/?template={template.pk}").content.decode()
    assert escape(template.body_sv) in page


def test_viewing_an_idea_and_its_attachment_is_audited(
    client: Client, eddie: User, settings: Any, tmp_path: Any
) -> None:
    settings.IDEAS_ATTACHMENT_DIR = tmp_path
    idea = actions.submit_idea(
        data=IDEA_DATA, token="audited-view", attachments=[(pdf(), "pdf")]
    ).idea
    attachment = idea.attachments.get()
    login(client, eddie)
    client.get(f"/en/staff/ideas/{idea.pk}/", REMOTE_ADDR="10.1.2.3")
    download = client.get(f"/en/staff/ideas/{idea.pk}/attachments/{attachment.pk}/")
    assert download.status_code == 200
    assert download["Content-Disposition"].startswith("attachment")
    viewed = AuditEvent.objects.filter(action="view", actor=eddie)
    event = viewed.get(model="ideas.idea")
    assert (event.object_id, event.ip_address) == (str(idea.pk), "10.1.2.3")
    assert viewed.filter(model="ideas.ideaattachment", object_id=str(attachment.pk)).exists()


def test_changes_are_audited_with_who_did_them(client: Client, eddie: User) -> None:
    idea = make_idea()
    login(client, eddie)
    post_state(client, idea, "in_review", reason="Looks promising.")
    update = AuditEvent.objects.filter(
        model="ideas.idea", object_id=str(idea.pk), action="update"
    ).latest("id")
    assert update.actor == eddie and update.changes["status"] == ["received", "in_review"]
    created = AuditEvent.objects.filter(model="ideas.statuschange", action="create").latest("id")
    assert created.actor == eddie


def test_staff_pages_are_not_cached_or_indexed(client: Client, eddie: User) -> None:
    idea = make_idea()
    login(client, eddie)
    response = client.get(f"/en/staff/ideas/{idea.pk}/")
    assert "no-store" in response["Cache-Control"]
    assert response["X-Robots-Tag"] == "noindex, nofollow"


def test_the_activity_made_from_an_idea_stays_off_the_public_portal(
    client: Client, eddie: User
) -> None:
    idea = make_idea(title="A confidential company lead")
    actions.change_state(idea, "in_review", eddie)
    idea = actions.change_state(idea, "accepted", eddie, activity_kind="investment_lead")
    assert idea.activity is not None
    assert client.get(f"/en/activities/{idea.activity.slug}/").status_code == 404
    assert "A confidential company lead" not in client.get("/en/activities/").content.decode()
