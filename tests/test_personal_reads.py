"""Reads of personal data go through the one audited accessor (``audit.personal``): every
staff page, in the workspace and in the Django admin, that shows a proposer's or a contact's
details has recorded exactly one "viewed personal data" event for that record, and nothing
else in the product writes such events by hand.

The crawl reuses the access matrix (tests/test_security_access.py): every staff URL pattern,
filled with sample records, opened by an admin; a new page that shows personal data without
reading it through the accessor fails here the day it appears.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.contrib.auth.models import User
from django.db import models
from django.test import Client

from audit import personal
from audit.models import AuditEvent, Disclosure
from ideas.models import Idea
from registry.models import Contact, Organisation
from tests.personas import login
from tests.test_security_access import Route, matrix
from tests.workspace_support import IDEA_DATA, make_idea

__all__ = ["matrix"]  # the fixture, shared with the access matrix
pytestmark = pytest.mark.django_db

CONTACT_EMAIL = "matrix.contact@example.org"
Marked = list[tuple[models.Model, list[str]]]


def marked_records() -> Marked:
    """Each record with personal data, and text that shows it when it is on a page."""
    marked: Marked = []
    for idea in Idea.objects.exclude(contact_email=""):
        marked.append((idea, [idea.contact_email, idea.contact_phone or idea.contact_email]))
    for contact in Contact.objects.all():
        marks = [contact.email] if contact.email else []
        if len(contact.name) > 8:  # long enough not to occur by chance
            marks.append(contact.name)
        if marks:
            marked.append((contact, marks))
    return marked


def views_since(first: int, record: models.Model) -> int:
    return AuditEvent.objects.filter(
        pk__gt=first,
        action="view",
        model=record._meta.label_lower,
        object_id=str(record.pk),
    ).count()


def last_event() -> int:
    return AuditEvent.objects.order_by("-pk").values_list("pk", flat=True).first() or 0


def unrecorded(client: Client, pages: list[tuple[str, str]], marked: Marked) -> list[str]:
    """Pages that showed a record's personal data without exactly one recorded read."""
    problems = []
    for name, url in pages:
        first, disclosures = last_event(), Disclosure.objects.count()
        response = client.get(url)
        if response.status_code != 200 or response.streaming:
            continue
        text = response.content.decode(errors="replace")
        for record, marks in marked:
            if not any(mark in text for mark in marks):
                continue
            count = views_since(first, record)
            if count != 1 and Disclosure.objects.count() == disclosures:
                problems.append(f"{name} {url}: {record._meta.label_lower} #{record.pk} {count}")
    return problems


@pytest.fixture
def staff_pages(matrix: list[tuple[Route, str, str]], ada: User) -> list[tuple[str, str]]:
    """Every staff page that answers GET, after the sample contact got an e-mail address."""
    Contact.objects.filter(name="Matrix Contact").update(email=CONTACT_EMAIL)
    return [
        (route.view_name, url)
        for route, url, kind in matrix
        if kind.startswith("staff:") and "GET" in route.pattern.callback.workspace_methods
    ]


def test_reading_a_proposers_details_on_the_staff_idea_page_records_exactly_one_read(
    client: Client, vera: User
) -> None:
    idea = make_idea()
    login(client, vera)
    first = last_event()
    html = client.get(f"/en/staff/ideas/{idea.pk}/").content.decode()
    assert IDEA_DATA["contact_email"] in html and IDEA_DATA["contact_phone"] in html
    event = AuditEvent.objects.get(pk__gt=first, action="view")
    assert (event.model, event.object_id, event.actor) == ("ideas.idea", str(idea.pk), vera)
    assert event.changes == {"fields": ["contact_email", "contact_name", "contact_phone"]}


def test_every_staff_page_that_shows_personal_data_records_the_read(
    staff_pages: list[tuple[str, str]], ada: User
) -> None:
    client = login(Client(), ada)
    marked = marked_records()
    assert any(isinstance(record, Contact) for record, _marks in marked)
    assert unrecorded(client, staff_pages, marked) == []
    # The crawl did see personal data: the idea page and the organisation's contacts.
    shown = {name for name, _url in staff_pages}
    assert {"workspace:idea_detail", "workspace:organisation_detail"} <= shown


def test_a_page_that_shows_personal_data_without_the_accessor_fails_the_crawl(
    staff_pages: list[tuple[str, str]], ada: User, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The check above can fail: with the accessor not recording, it names the pages."""
    silent: Callable[..., Any] = lambda instance, *args, **kwargs: instance  # noqa: E731
    monkeypatch.setattr(personal, "read", silent)
    client = login(Client(), ada)
    problems = unrecorded(client, staff_pages, marked_records())
    pages = {problem.split(" ", 1)[0] for problem in problems}
    assert {
        "workspace:idea_detail",
        "workspace:organisation_detail",
        "workspace:contact_edit",
        "workspace:contact_delete",
    } <= pages


def test_the_django_admin_records_reads_of_ideas_and_contacts(client: Client, sune: User) -> None:
    idea = make_idea()
    organisation = Organisation.objects.order_by("pk").first()
    assert organisation is not None
    contact = Contact.objects.create(
        organisation=organisation,
        name="Admin Reader",
        email="admin.reader@example.org",
        purpose="Audit test",
        review_on="2030-01-01",
    )
    login(client, sune)
    pages = [
        ("idea", f"/en/admin/ideas/idea/{idea.pk}/change/"),
        ("contact", f"/en/admin/registry/contact/{contact.pk}/change/"),
        ("organisation", f"/en/admin/registry/organisation/{organisation.pk}/change/"),
    ]
    marked: Marked = [(idea, [idea.contact_email]), (contact, [contact.email])]
    for _name, url in pages:
        assert client.get(url).status_code == 200
    assert unrecorded(client, pages, marked) == []
    organisation_page = client.get(pages[2][1]).content.decode()
    assert contact.email in organisation_page  # the inline shows it, and it was recorded
    # The contact list shows names: each row shown is a recorded read of the name.
    first = last_event()
    listed = client.get(f"/en/admin/registry/contact/?q={contact.name}")
    assert listed.status_code == 200 and contact.name in listed.content.decode()
    event = AuditEvent.objects.get(pk__gt=first, action="view")
    assert (event.model, event.object_id) == ("registry.contact", str(contact.pk))
    assert event.changes == {"fields": ["name"]}


SKIPPED = (".venv", "node_modules", "tests", "var")


def test_nothing_else_writes_view_events() -> None:
    """Only ``audit.personal`` records reads; views and helpers call it."""
    root = Path(settings.BASE_DIR)
    pattern = re.compile(r"""record\(\s*["']view["']""")
    writers = sorted(
        str(path.relative_to(root))
        for path in root.glob("*/**/*.py")
        if not any(path.is_relative_to(root / skipped) for skipped in SKIPPED)
        and pattern.search(path.read_text(encoding="utf-8"))
    )
    assert writers == ["audit/personal.py"]
