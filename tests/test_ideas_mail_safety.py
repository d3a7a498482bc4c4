"""Mail to a proposer's unverified address carries nothing the proposer wrote as a link or
markup (issue #14, item 5), and no usable status link stays in the database once a mail
is delivered (item 7)."""

from __future__ import annotations

import re
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.core import mail
from django.core.mail import EmailMultiAlternatives
from django.core.management import call_command
from django.db import models
from django.test import Client

from ideas import outbox
from ideas.mailtext import inert
from ideas.models import Idea, OutboxMessage
from tests.ideas_support import form_data

pytestmark = pytest.mark.django_db

PHISHING = {
    "title": 'Win a prize at evil.example: https://evil.example/login <a href="https://x.example">go</a>',
    "description": "Log in at http://phish.example/espoo and www.phish.example <img src=x>",
    "offer": "Mail us: boss@phish.example or 203.0.113.9",
    "hopes": "<b>bold</b> https://hopes.example",
    "contact_name": "Click www.name.example",
    "organisation_name": "Evil Org (org.example)",
    "organisation_website": "https://website.example",
}
FOREIGN = [
    "evil.example",
    "x.example",
    "phish.example",
    "203.0.113.9",
    "name.example",
    "org.example",
    "website.example",
    "hopes.example",
]


@pytest.fixture(autouse=True)
def attachment_dir(settings: Any, tmp_path: Path) -> None:
    settings.IDEAS_ATTACHMENT_DIR = tmp_path / "attachments"


def deliver() -> None:
    call_command("deliver_mail", stdout=StringIO())


def confirmation_of(idea: Idea) -> EmailMultiAlternatives:
    found = [m for m in mail.outbox if m.to == [idea.contact_email]]
    assert len(found) == 1
    assert isinstance(found[0], EmailMultiAlternatives)
    return found[0]


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_the_confirmation_carries_only_the_reference_an_inert_title_and_the_status_link(
    client: Client, language: str
) -> None:
    client.post(f"/{language}/ideas/", form_data(language=language, **PHISHING))
    idea = Idea.objects.get()
    deliver()
    message = confirmation_of(idea)
    html = message.alternatives[0][0]
    assert isinstance(html, str)
    text = str(message.body)
    for part in (text, html):
        for host in FOREIGN:
            assert host not in part, (host, part)
        assert "<b>" not in part and "<img" not in part and '<a href="https://x' not in part
    assert idea.reference in message.subject and idea.reference in text
    assert "evil[.]example" in text  # the title, readable but inert
    assert "https[:]//" in text
    assert "Log in at" not in text and "Click" not in text  # no description, no name
    # The only links: the status link, on the site's own address.
    hrefs = re.findall(r'href="([^"]*)"', html)
    assert len(hrefs) == 1 and hrefs[0].startswith(
        f"http://127.0.0.1:8000/{language}/ideas/status/"
    )
    assert re.findall(r"https?://\S+", text) == [hrefs[0]]


def test_answers_to_the_proposer_keep_their_words_inert_too(client: Client) -> None:
    from tests.personas import person

    client.post("/en/ideas/", form_data(**PHISHING))
    idea = Idea.objects.get()
    eddie = person("eddie")
    from ideas import actions

    actions.answer_idea(idea, "Thank you: see https://www.espoo.fi/en for our strategy.", eddie)
    answer = OutboxMessage.objects.filter(to=idea.contact_email).latest("id")
    for host in FOREIGN:
        assert host not in answer.body and host not in answer.html_body
    assert "https://www.espoo.fi/en" in answer.body  # staff's own words are kept
    assert "<a " not in answer.html_body  # but only the site's own addresses become links


@pytest.mark.parametrize(
    ("typed", "shown"),
    [
        ("see evil.example", "see evil[.]example"),
        ("https://a.example/x", "https[:]//a[.]example/x"),
        ("Ääkkös.fi ja ωmega.gr", "Ääkkös[.]fi ja ωmega[.]gr"),
        ("10.0.0.1", "10[.]0[.]0[.]1"),
        ("Version 2.0 of the plan. Next step.", "Version 2.0 of the plan. Next step."),
    ],
)
def test_inert_text_stays_readable(typed: str, shown: str) -> None:
    assert inert(typed) == shown


def text_columns() -> list[str]:
    return [
        f.name
        for f in OutboxMessage._meta.concrete_fields
        if isinstance(f, models.CharField | models.TextField)
    ]


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_after_delivery_no_usable_status_token_remains_in_the_database(
    client: Client, language: str
) -> None:
    client.post(f"/{language}/ideas/", form_data(language=language))
    idea = Idea.objects.get()
    pending = OutboxMessage.objects.get(to=idea.contact_email)
    [token] = re.findall(r"/ideas/status/([^/\s]+)/", pending.body)  # queued: still there
    deliver()
    delivered = confirmation_of(idea)
    assert token in str(delivered.body)  # the proposer got the working link
    assert client.get(f"/{language}/ideas/status/{token}/").status_code == 200
    for row in OutboxMessage.objects.all():
        assert row.status == OutboxMessage.State.SENT
        for column in text_columns():
            assert token not in str(getattr(row, column)), column
    kept = OutboxMessage.objects.get(to=idea.contact_email)
    assert idea.reference in kept.body and "[removed-after-delivery]" in kept.body
    assert "[removed-after-delivery]" in kept.html_body
    # Nowhere else either: the whole database, as a backup would copy it.
    dump = StringIO()
    call_command("dumpdata", stdout=dump)
    assert token not in dump.getvalue()


def test_a_failed_mail_keeps_its_link_until_it_is_delivered(client: Client, settings: Any) -> None:
    client.post("/en/ideas/", form_data())
    settings.EMAIL_BACKEND = "tests.ideas_support.FailingBackend"
    deliver()
    row = OutboxMessage.objects.get(to="mari@example.org")
    assert re.search(r"/ideas/status/[A-Za-z0-9_-]{40,}/", row.body)  # needed for the retry


def test_invitation_links_are_removed_after_delivery_too(settings: Any) -> None:
    body_url = settings.SITE_URL + "/sv/staff/accounts/invitation/" + "t" * 43 + "/"
    message = outbox.enqueue(
        "new@espoo.example", "team", {"idea": None, "admin_url": body_url, "goals": []}, "sv"
    )
    assert "t" * 43 in message.body
    outbox.deliver_due()
    message.refresh_from_db()
    assert "t" * 43 not in message.body and "t" * 43 not in message.html_body
