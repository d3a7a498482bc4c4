"""Personal data: retention erases exactly what is due; an admin exports or erases one
person; the audit trail is searched and exported, and the export is itself recorded."""

from __future__ import annotations

import csv
import io
import json
from datetime import date, timedelta
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from audit.models import AuditEvent, Disclosure
from ideas import actions, uploads
from ideas.models import Idea, OutboxMessage
from ideas.privacy import months_before
from registry.models import Contact, Organisation
from tests.ideas_support import pdf
from tests.personas import login
from tests.workspace_support import IDEA_DATA, make_idea, status_path

# The persona fixtures (pytest finds fixtures by name in the test module).

pytestmark = pytest.mark.django_db


def closed(eddie: User, months_ago: int, **data: Any) -> Idea:
    idea = make_idea(**data)
    actions.change_state(idea, "declined", eddie, reason="Not for us.")
    when = months_before(timezone.now(), months_ago)
    Idea.objects.filter(pk=idea.pk).update(closed_at=when)
    return Idea.objects.get(pk=idea.pk)


def test_months_before_handles_month_ends() -> None:
    moment = timezone.now().replace(year=2026, month=3, day=31)
    assert months_before(moment, 1).date() == date(2026, 2, 28)
    assert months_before(moment, 24).date() == date(2024, 3, 31)


def test_retention_erases_exactly_what_is_due(
    client: Client,
    eddie: User,
    settings: Any,
    tmp_path: Any,
    django_capture_on_commit_callbacks: Any,
) -> None:
    settings.IDEAS_RETENTION_MONTHS = 24
    settings.IDEAS_ATTACHMENT_DIR = tmp_path
    due = actions.submit_idea(
        data={**IDEA_DATA, "contact_email": "due@example.org"},
        token="retention-due",
        attachments=[(pdf(), "pdf")],
    ).idea
    link = status_path(due)
    stored = uploads.attachment_path(due.attachments.get().stored_name)
    actions.change_state(due, "declined", eddie, reason="Not for us.")
    Idea.objects.filter(pk=due.pk).update(closed_at=months_before(timezone.now(), 25))
    OutboxMessage.objects.filter(to="due@example.org").update(status="sent")
    recent = closed(eddie, 23, contact_email="recent@example.org")
    still_open = make_idea(contact_email="open@example.org")
    Idea.objects.filter(pk=still_open.pk).update(submitted_at=timezone.now() - timedelta(days=900))

    out = io.StringIO()
    with django_capture_on_commit_callbacks(execute=True):  # files go once committed
        call_command("erase_expired_personal_data", stdout=out)
    assert "Erased personal data of 1 ideas" in out.getvalue()

    due.refresh_from_db()
    assert (due.contact_name, due.contact_email, due.contact_phone) == ("", "", "")
    assert due.anonymised_at is not None
    assert (due.status, due.organisation_country.code, due.language, due.title) == (
        "declined",
        "EE",
        "en",
        IDEA_DATA["title"],
    )
    assert not due.attachments.exists() and not stored.exists()
    assert not OutboxMessage.objects.filter(to="due@example.org").exists()
    assert client.get(link).status_code == 404
    assert Idea.objects.get(pk=recent.pk).contact_email == "recent@example.org"
    assert Idea.objects.get(pk=still_open.pk).contact_email == "open@example.org"
    event = AuditEvent.objects.filter(model="ideas.idea", object_id=str(due.pk)).latest("id")
    assert event.actor_label == "erase_expired_personal_data"
    assert event.changes["contact_email"] == ["•••", ""]

    call_command("erase_expired_personal_data", stdout=io.StringIO())  # nothing twice
    assert (
        AuditEvent.objects.filter(model="ideas.idea", object_id=str(due.pk)).latest("id") == event
    )


def test_an_erased_idea_cannot_be_answered(eddie: User) -> None:
    idea = closed(eddie, 30)
    call_command("erase_expired_personal_data", stdout=io.StringIO())
    with pytest.raises(actions.Refused):
        actions.answer_idea(Idea.objects.get(pk=idea.pk), "Hello again", eddie)


@pytest.fixture
def contact(db: Any) -> Contact:
    return Contact.objects.create(
        organisation=Organisation.objects.get(slug="espoo"),
        name="Mari Maasikas",
        email="MARI@example.org",
        purpose="Partner contact for the lighting pilot",
        review_on=date(2027, 1, 1),
    )


def test_an_admin_exports_everything_about_one_person(
    client: Client, ada: User, contact: Contact
) -> None:
    idea = make_idea()
    login(client, ada)
    found = client.post("/en/staff/people/", {"email": "mari@example.org"})
    assert idea.reference in found.content.decode()
    assert AuditEvent.objects.filter(action="view", model="registry.contact", actor=ada).exists()
    response = client.post("/en/staff/people/export/", {"email": "mari@example.org"})
    assert response["Content-Disposition"] == 'attachment; filename="personal-data.json"'
    data = json.loads(response.content)
    assert [i["reference"] for i in data["ideas"]] == [idea.reference]
    assert data["ideas"][0]["contact_phone"] == "+372 555 1234"
    assert data["contacts"][0]["purpose"] == "Partner contact for the lighting pilot"
    assert data["mails"] and data["ideas"][0]["status_history"][0]["status"] == "received"
    export = Disclosure.objects.get(kind="person")
    assert export.by == ada and export.criteria["ideas"] == [idea.reference]
    assert export.file_format == "json"
    disclosed = AuditEvent.objects.filter(action="disclose", actor=ada)
    assert {e.model for e in disclosed} == {
        "audit.disclosure",
        "ideas.idea",
        "registry.contact",
    }
    assert "mari@example.org" not in json.dumps([e.changes for e in disclosed])


def test_an_admin_erases_one_person_after_confirming(
    client: Client, ada: User, contact: Contact
) -> None:
    idea = make_idea()
    other = make_idea(contact_email="someone@example.org")
    login(client, ada)
    refused = client.post("/en/staff/people/erase/", {"email": "mari@example.org"})
    assert refused.status_code == 400 and "Confirm the erasure first." in refused.content.decode()
    assert Contact.objects.filter(pk=contact.pk).exists()
    response = client.post(
        "/en/staff/people/erase/", {"email": "mari@example.org", "confirm": "on"}, follow=True
    )
    assert "1 ideas anonymised, 1 contacts and 1 mails deleted" in response.content.decode()
    assert Idea.objects.get(pk=idea.pk).contact_email == ""
    assert not Contact.objects.filter(pk=contact.pk).exists()
    assert not OutboxMessage.objects.filter(to="mari@example.org").exists()
    assert Idea.objects.get(pk=other.pk).contact_email == "someone@example.org"
    trail = AuditEvent.objects.filter(model="registry.contact", object_id=str(contact.pk))
    assert trail.filter(action="delete").exists()
    assert not [e.object_repr for e in trail if contact.name in e.object_repr]


def test_the_trail_names_contacts_without_their_names(db: Any, contact: Contact) -> None:
    contact.phone = "+358 40 000 0000"
    contact.save()
    latest = AuditEvent.objects.filter(model="registry.contact").latest("id")
    assert latest.object_repr.startswith(f"contact #{contact.pk}")
    assert contact.name not in latest.object_repr


def test_an_admin_searches_and_exports_the_audit_trail(
    client: Client, ada: User, eddie: User
) -> None:
    idea = make_idea()
    actions.change_state(idea, "in_review", eddie)
    login(client, ada)
    page = client.get(f"/en/staff/audit/?model=ideas.idea&q={idea.reference}&action=update")
    events = list(page.context["page"])
    assert events and all(e.model == "ideas.idea" and e.action == "update" for e in events)
    response = client.get(f"/en/staff/audit/export.csv?model=ideas.idea&q={idea.reference}")
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0][:5] == ["id", "at", "actor_label", "ip_address", "action"]
    assert len(rows) - 1 == Disclosure.objects.get(kind="audit_trail", file_format="csv").rows >= 2
    disclosure = AuditEvent.objects.filter(action="disclose", actor=ada).get()
    assert disclosure.changes["criteria"] == {"model": "ideas.idea", "q": idea.reference}


def test_admins_list_every_disclosure_in_the_django_admin_in_their_language(
    client: Client, ada: User, sune: User
) -> None:
    """The three kinds of export are one record, listed (read-only) in the Django admin."""
    make_idea()
    login(client, ada)
    client.get("/en/staff/audit/export.csv?model=ideas.idea")
    client.post("/en/staff/people/export/", {"email": "mari@example.org"})
    client.get("/en/staff/insights/export/?dataset=ideas&format=csv&personal=on")
    assert sorted(Disclosure.objects.values_list("kind", flat=True)) == [
        "audit_trail",
        "dataset",
        "person",
    ]
    login(client, sune)
    page = client.get("/fi/admin/audit/disclosure/")
    assert page.status_code == 200
    html = page.content.decode()
    for finnish in ("tarkastusloki", "yhden henkilön tiedot", "henkilötietoja sisältävä aineisto"):
        assert finnish in html.lower()
    one = Disclosure.objects.get(kind="person")
    assert client.get(f"/fi/admin/audit/disclosure/{one.pk}/change/").status_code == 200
    assert client.get("/fi/admin/audit/disclosure/add/").status_code == 403
    deleted = client.post(f"/fi/admin/audit/disclosure/{one.pk}/delete/", {"post": "yes"})
    assert deleted.status_code == 403 and Disclosure.objects.filter(pk=one.pk).exists()


def test_the_audit_export_cannot_inject_spreadsheet_formulas(client: Client, ada: User) -> None:
    make_idea(title='=HYPERLINK("https://evil.example")')
    login(client, ada)
    response = client.get("/en/staff/audit/export.csv?model=ideas.idea")
    assert "\n=HYPERLINK" not in response.content.decode()
    assert ",=HYPERLINK" not in response.content.decode()
