"""The private status page: the proposer follows the idea with an unguessable link."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from ideas.actions import find_by_status_token
from ideas.models import Answer, Idea, Status, StatusChange
from tests.ideas_support import SCRIPT, form_data

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def attachment_dir(settings: Any, tmp_path: Path) -> None:
    settings.IDEAS_ATTACHMENT_DIR = tmp_path / "attachments"


def submit_and_get_link(client: Client, language: str = "en", **fields: Any) -> tuple[Idea, str]:
    from django.core import mail

    client.post(f"/{language}/ideas/", form_data(language=language, **fields))
    call_command("deliver_mail", stdout=None)
    idea = Idea.objects.latest("id")
    body = next(str(m.body) for m in mail.outbox if idea.reference in m.subject)
    [link] = re.findall(r"http://127\.0\.0\.1:8000(/\S+/ideas/status/\S+/)", body)
    return idea, link


def test_it_shows_the_idea_its_history_and_sent_answers(client: Client) -> None:
    idea, link = submit_and_get_link(client)
    StatusChange.objects.create(idea=idea, status=Status.IN_REVIEW)
    Answer.objects.create(idea=idea, body="We like it; let us meet.", sent_at=timezone.now())
    Answer.objects.create(idea=idea, body="Draft not sent yet")
    response = client.get(link)
    html = response.content.decode()
    assert response.status_code == 200
    assert idea.reference in html
    assert idea.title in html
    assert "received" in html and "in review" in html
    assert "We like it; let us meet." in html
    assert "Draft not sent yet" not in html


def test_the_status_page_is_private(client: Client) -> None:
    _idea, link = submit_and_get_link(client)
    response = client.get(link)
    assert response["Referrer-Policy"] == "no-referrer"
    assert "noindex" in response["X-Robots-Tag"]
    assert "no-store" in response["Cache-Control"]


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_the_status_page_speaks_each_language(client: Client, language: str) -> None:
    idea, link = submit_and_get_link(client, language=language)
    for page_language in ["fi", "sv", "en"]:
        page = link.replace(f"/{language}/", f"/{page_language}/", 1)
        html = client.get(page).content.decode()
        assert f'<html lang="{page_language}">' in html
        assert idea.reference in html


def test_a_forged_token_gets_a_translated_404(client: Client) -> None:
    idea, link = submit_and_get_link(client)
    forged = link[:-5] + ("AAAA" if not link.endswith("AAAA/") else "BBBB") + "/"
    for url in [
        forged,
        f"/en/ideas/status/{idea.status_token_hash}/",
        f"/en/ideas/status/{idea.submission_token}/",
        "/en/ideas/status/x/",
        "/en/ideas/status/" + "a" * 500 + "/",
    ]:
        response = client.get(url)
        assert response.status_code == 404, url
        assert "This link does not lead to an idea." in response.content.decode()
        assert response["X-Robots-Tag"].startswith("noindex")


def test_only_the_hash_of_the_status_token_is_stored(client: Client) -> None:
    idea, link = submit_and_get_link(client)
    token = link.rstrip("/").rsplit("/", 1)[1]
    assert token not in idea.status_token_hash
    assert find_by_status_token(token) == idea
    assert find_by_status_token(idea.status_token_hash) is None


def test_markup_is_shown_as_text_on_the_status_page(client: Client) -> None:
    fields = ["title", "description", "offer", "hopes", "organisation_name", "contact_name"]
    _idea, link = submit_and_get_link(client, **dict.fromkeys(fields, SCRIPT))
    html = client.get(link).content.decode()
    main = html.split("<main", 1)[1]
    assert "<script>" not in main and "<b>" not in main
    assert main.count("&lt;script&gt;") >= len(fields)
