"""Staff see ideas and the outbox in the admin now (read-only); outsiders see nothing."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command
from django.test import Client

from ideas.checks import check_attachment_dir_is_private
from ideas.models import Idea, OutboxMessage
from tests.ideas_support import SCRIPT, form_data, pdf
from tests.personas import login

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def attachment_dir(settings: Any, tmp_path: Path) -> None:
    settings.IDEAS_ATTACHMENT_DIR = tmp_path / "attachments"


@pytest.fixture
def idea(client: Client) -> Idea:
    client.post("/en/ideas/", {**form_data(title=SCRIPT), "attachments": [pdf()]})
    return Idea.objects.get()


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_an_admin_sees_the_idea_read_only(
    client: Client, sune: User, idea: Idea, language: str
) -> None:
    login(client, sune)
    listing = client.get(f"/{language}/admin/ideas/idea/")
    assert listing.status_code == 200
    assert idea.reference in listing.content.decode()
    page = client.get(f"/{language}/admin/ideas/idea/{idea.pk}/change/")
    html = page.content.decode()
    assert page.status_code == 200
    assert SCRIPT not in html and "&lt;script&gt;" in html
    assert idea.status_token_hash not in html and idea.submission_token not in html
    assert f"/admin/ideas/idea/{idea.pk}/attachment/" in html
    assert client.get(f"/{language}/admin/ideas/idea/add/").status_code == 403
    assert client.get(f"/{language}/admin/ideas/outboxmessage/").status_code == 200


def test_staff_without_idea_rights_and_outsiders_are_refused(
    client: Client, pekka: User, ulla: User, idea: Idea
) -> None:
    for user, expected in [(pekka, 403), (ulla, 302)]:
        login(client, user)
        for url in [
            f"/en/admin/ideas/idea/{idea.pk}/change/",
            f"/en/admin/ideas/idea/{idea.pk}/attachment/{idea.attachments.get().pk}/",
            "/en/admin/ideas/outboxmessage/",
        ]:
            assert client.get(url).status_code == expected, (user, url)


def test_failed_mails_can_be_queued_again_from_the_admin(
    client: Client, sune: User, idea: Idea, settings: Any
) -> None:
    OutboxMessage.objects.update(status=OutboxMessage.State.FAILED, attempts=10)
    login(client, sune)
    ids = [str(pk) for pk in OutboxMessage.objects.values_list("pk", flat=True)]
    response = client.post(
        "/en/admin/ideas/outboxmessage/",
        {"action": "retry", "_selected_action": ids},
        follow=True,
    )
    assert "2 mails queued again." in response.content.decode()
    call_command("deliver_mail", stdout=None)
    assert set(OutboxMessage.objects.values_list("status", flat=True)) == {"sent"}


def test_attachments_inside_a_public_folder_are_a_configuration_error(settings: Any) -> None:
    assert check_attachment_dir_is_private() == []
    settings.IDEAS_ATTACHMENT_DIR = Path(settings.STATIC_ROOT) / "attachments"
    [error] = check_attachment_dir_is_private()
    assert error.id == "ideas.E001"
