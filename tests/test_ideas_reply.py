"""The proposer's messages on the status page: the idea form's checks, nothing half-stored;
the development mailbox is for staff only; the confirmation page says where the link goes."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from ideas import actions
from ideas.models import Idea, IdeaAttachment, OutboxMessage, ProposerReply
from ideas.replies import MAX_REPLIES
from tests.ideas_support import form_data, pdf
from tests.personas import login
from tests.workspace_support import make_idea, status_path

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def attachment_dir(settings: Any, tmp_path: Path) -> Path:
    settings.IDEAS_ATTACHMENT_DIR = tmp_path / "attachments"
    return settings.IDEAS_ATTACHMENT_DIR


def key_of(page: str) -> str:
    return re.search(r'name="form_key" value="([^"]+)"', page).group(1)  # type: ignore[union-attr]


def send(client: Client, path: str, **data: Any) -> Any:
    page = client.get(path).content.decode()
    payload = {"body": "More details.", "form_key": key_of(page), **data}
    return client.post(path + "reply/", payload)


def nothing_stored(folder: Path) -> bool:
    files = list(folder.glob("*")) if folder.exists() else []
    return not ProposerReply.objects.exists() and not IdeaAttachment.objects.exists() and not files


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"body": "   "}, "This field is required."),
        ({"body": "x" * 10_001}, "at most 10000 characters"),
        (
            {"attachments": [SimpleUploadedFile("plan.pdf", b"<html>not a pdf</html>")]},
            "is not a PDF, DOCX or ODT file",
        ),
        ({"attachments": [pdf("a.pdf"), pdf("b.pdf"), pdf("c.pdf"), pdf("d.pdf")]}, "at most 3"),
        ({"form_key": "forged"}, "We could not accept the form"),
    ],
)
def test_bad_replies_get_a_clear_message_and_change_nothing(
    client: Client, attachment_dir: Path, data: dict[str, Any], message: str
) -> None:
    idea = make_idea()
    path = status_path(idea)
    response = send(client, path, **data)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert nothing_stored(attachment_dir)
    assert Idea.objects.get().version == idea.version


def test_a_reply_with_a_file_is_stored_once_even_when_sent_twice(client: Client) -> None:
    idea = make_idea()
    path = status_path(idea)
    page = client.get(path).content.decode()
    data = {"body": "Here is the plan.", "form_key": key_of(page)}
    first = client.post(path + "reply/", {**data, "attachments": [pdf()]})
    again = client.post(path + "reply/", {**data, "attachments": [pdf()]})
    assert first.status_code == again.status_code == 302
    reply = ProposerReply.objects.get()
    assert reply.attachments.count() == 1 and reply.attachments.get().idea == idea
    assert OutboxMessage.objects.filter(body__contains="Here is the plan.").count() == 1


def test_a_closed_idea_takes_no_more_messages(client: Client, eddie: User) -> None:
    idea = make_idea(language="sv")
    path = status_path(idea)
    actions.change_state(idea, "declined", eddie, reason="Out of scope.")
    page = client.get(path).content.decode()
    assert 'action="' + path + 'reply/"' not in page  # no form
    response = client.post(
        path + "reply/",
        {"body": "But wait", "form_key": key_of(client.get("/sv/ideas/").content.decode())},
    )
    assert response.status_code == 400
    assert "kan inte längre läggas till" in response.content.decode()
    assert not ProposerReply.objects.exists()


def test_the_number_of_messages_is_bounded(client: Client) -> None:
    idea = make_idea()
    path = status_path(idea)
    for n in range(MAX_REPLIES):
        ProposerReply.objects.create(idea=idea, body="x", submission_token=f"t{n}")
    response = send(client, path)
    assert response.status_code == 400 and "write to" in response.content.decode()
    assert ProposerReply.objects.count() == MAX_REPLIES


def test_a_guessed_link_cannot_reply(client: Client) -> None:
    make_idea()
    response = client.post("/en/ideas/status/" + "A" * 43 + "/reply/", {"body": "hi"})
    assert response.status_code == 404
    assert not ProposerReply.objects.exists()


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_the_status_page_shows_the_promised_answer_date(
    client: Client, settings: Any, language: str
) -> None:
    settings.IDEAS_ANSWER_DAYS = 21
    idea = make_idea(language=language)
    page = client.get(status_path(idea).replace("/en/", f"/{language}/", 1)).content.decode()
    assert "21" in page
    assert {"fi": "lupaa vastata", "sv": "lovar att svara", "en": "promises to answer"}[
        language
    ] in page


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_the_confirmation_page_says_where_when_and_what_if_not(
    client: Client, language: str
) -> None:
    response = client.post(f"/{language}/ideas/", form_data(language=language), follow=True)
    page = response.content.decode()
    idea = Idea.objects.get()
    assert "m…@example.org" in page and "mari@example.org" not in page  # where, masked
    assert "international@espoo.fi" in page  # the sender, and whom to write to
    assert idea.reference in page
    assert {"fi": "muutaman minuutin", "sv": "några minuter", "en": "Within a few minutes"}[
        language
    ] in page  # when
    assert {"fi": "roskapost", "sv": "skräppost", "en": "spam"}[language] in page  # if not


@pytest.fixture
def dev_mailbox(settings: Any, tmp_path: Path) -> None:
    settings.DEV_MAILBOX = True
    settings.DEV_MAILBOX_DIR = tmp_path / "devmail"
    settings.ROOT_URLCONF = "tests.devmail_urls"


def test_the_development_mailbox_is_for_admins_only(
    client: Client, dev_mailbox: None, vera: User, eddie: User, ada: User
) -> None:
    assert client.get("/en/staff/dev/mail/").status_code == 302  # to the staff login
    for user in (vera, eddie):
        assert login(client, user).get("/en/staff/dev/mail/").status_code == 403
    assert login(client, ada).get("/en/staff/dev/mail/").status_code == 200
    assert 'href="/en/staff/dev/mail/"' in client.get("/en/staff/").content.decode()  # in the menu


def test_without_dev_mailbox_the_page_does_not_exist(
    client: Client, dev_mailbox: None, settings: Any, ada: User
) -> None:
    settings.DEV_MAILBOX = False
    assert login(client, ada).get("/en/staff/dev/mail/").status_code == 404


def test_erasing_the_proposers_data_removes_their_messages_and_files(
    client: Client, attachment_dir: Path, django_capture_on_commit_callbacks: Any
) -> None:
    from ideas.privacy import anonymise_idea

    idea = make_idea()
    path = status_path(idea)
    assert send(client, path, attachments=[pdf()]).status_code == 302
    with django_capture_on_commit_callbacks(execute=True):
        anonymise_idea(Idea.objects.get())
    assert nothing_stored(attachment_dir)


def test_the_deploy_check_warns_about_the_development_mailbox(settings: Any) -> None:
    from core.checks import check_production_mail

    settings.EMAIL_BACKEND = "ideas.devmail.EmailBackend"
    assert [w.id for w in check_production_mail()] == ["core.W001"]
