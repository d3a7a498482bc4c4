"""The proposer's whole loop, as a newcomer tries it after `make run` (issue #15):
an idea sent in Finnish, Swedish or English; the mail with a working link in the
development mailbox; staff ask for more information; the proposer answers with a file;
staff see it and are told; staff accept; the activity appears; the thread is in the
audit trail and in the person's data export."""

from __future__ import annotations

import json
import re
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command
from django.test import Client

from audit.models import AuditEvent
from ideas.models import Idea, OutboxMessage, ProposerReply
from tests.ideas_support import form_data, pdf
from tests.workspace_support import version_of

pytestmark = pytest.mark.django_db

ASK = {
    "fi": "Millä kadulla haluaisitte kokeilla?",
    "sv": "På vilken gata vill ni göra försöket?",
    "en": "Which street would you like to try it on?",
}
REPLY = {
    "fi": "Tapiolan keskuksen kävelykadulla. Suunnitelma on liitteenä.",
    "sv": "På gågatan i Hagalunds centrum. Planen finns som bilaga.",
    "en": "On the pedestrian street of Tapiola. The plan is attached.",
}
PROMISE = {"fi": "14 päivän", "sv": "14 dagar", "en": "within 14 days"}


@pytest.fixture(autouse=True)
def development(settings: Any, tmp_path: Path) -> None:
    """`make run`: DEBUG's development mailbox, mail delivered by the outbox worker."""
    settings.IDEAS_ATTACHMENT_DIR = tmp_path / "attachments"
    settings.DEV_MAILBOX = True
    settings.DEV_MAILBOX_DIR = tmp_path / "devmail"
    settings.EMAIL_BACKEND = "ideas.devmail.EmailBackend"
    settings.ROOT_URLCONF = "tests.devmail_urls"
    settings.IDEAS_ANSWER_DAYS = 14
    settings.IDEAS_TEAM_EMAIL = "team@espoo.example"


def deliver() -> None:
    call_command("deliver_mail", stdout=StringIO())


def staff_state(client: Client, idea: Idea, state: str, **extra: str) -> Any:
    data = {"state-new_state": state, "state-version": str(version_of(idea)), **extra}
    return client.post(f"/en/staff/ideas/{idea.pk}/state/", data)


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_the_proposers_whole_loop(
    client: Client, eddie: User, ada: User, language: str, capsys: Any
) -> None:
    proposer = Client()
    # 1. The idea, sent from the form in the proposer's language.
    form = proposer.get(f"/{language}/ideas/").content.decode()
    assert PROMISE[language] in form  # the promised answer time is on the form
    sent = proposer.post(f"/{language}/ideas/", form_data(language=language), follow=True)
    page = sent.content.decode()
    idea = Idea.objects.get()
    assert idea.reference in page and "m…@example.org" in page  # where the link goes
    assert "international@espoo.fi" in page  # the sender, and whom to ask if nothing comes

    # 2. The worker delivers; the mail is printed and in the development mailbox.
    deliver()
    assert idea.reference in capsys.readouterr().out  # the console of `make run`
    client.force_login(ada)
    mailbox = client.get(f"/{language}/staff/dev/mail/").content.decode()
    links = re.findall(r'<a href="(http://127\.0\.0\.1:8000/[^"]+/ideas/status/[^"]+)">', mailbox)
    assert len(links) == 1, mailbox
    status_path = links[0].removeprefix("http://127.0.0.1:8000")
    assert status_path.startswith(f"/{language}/ideas/status/")
    status = proposer.get(status_path).content.decode()
    assert idea.reference in status and PROMISE[language] in status

    # 3. Staff ask for more information (the mail tells the proposer to answer on the page).
    client.force_login(eddie)
    assert staff_state(client, idea, "in_review", **{"state-answer": ""}).status_code == 302
    client.post(
        f"/en/staff/ideas/{idea.pk}/assign/",
        {"assign-assignee": eddie.pk, "assign-version": version_of(idea)},
    )
    asked = staff_state(client, idea, "more_info_requested", **{"state-answer": ASK[language]})
    assert asked.status_code == 302

    # 4. The proposer answers on the status page, with a file.
    status = proposer.get(status_path).content.decode()
    assert ASK[language] in status and 'enctype="multipart/form-data"' in status
    key = re.search(r'name="form_key" value="([^"]+)"', status).group(1)  # type: ignore[union-attr]
    reply_url = status_path + "reply/"
    answered = proposer.post(
        reply_url, {"body": REPLY[language], "attachments": [pdf("katu.pdf")], "form_key": key}
    )
    assert answered.status_code == 302
    status = proposer.get(answered["Location"]).content.decode()
    assert REPLY[language] in status and "katu.pdf" in status
    idea.refresh_from_db()
    assert idea.status == "in_review"  # back to the city's turn
    assert ProposerReply.objects.get().attachments.get().kind == "pdf"

    # 5. Staff get the usual notification, and see the reply on the idea page.
    told = OutboxMessage.objects.filter(
        subject__contains=idea.reference, body__contains=REPLY[language]
    )
    assert {m.to for m in told} == {"team@espoo.example", eddie.email}
    detail = client.get(f"/en/staff/ideas/{idea.pk}/").content.decode()
    assert REPLY[language] in detail and "katu.pdf" in detail
    file_id = ProposerReply.objects.get().attachments.get().pk
    assert client.get(f"/en/staff/ideas/{idea.pk}/attachments/{file_id}/").status_code == 200

    # 6. Staff accept; the activity appears.
    accepted = staff_state(client, idea, "accepted", **{"state-activity_kind": "benchmarking"})
    assert accepted.status_code == 302
    idea.refresh_from_db()
    assert idea.activity is not None
    activity = client.get(f"/en/staff/activities/{idea.activity.pk}/").content.decode()
    assert idea.reference in activity

    # 7. The thread is in the audit trail and in the person's data export.
    assert AuditEvent.objects.filter(model="ideas.proposerreply", action="create").exists()
    client.force_login(ada)
    export = json.loads(
        client.post("/en/staff/people/export/", {"email": "mari@example.org"}).content
    )
    [exported] = export["ideas"]
    assert exported["messages_from_proposer"][0]["body"] == REPLY[language]
    assert exported["messages_from_proposer"][0]["attachments"] == ["katu.pdf"]
    assert ASK[language] in [a["body"] for a in exported["answers"]]
