"""Hostile input across the project: markup in every idea field, SQL-looking text, path
traversal and spoofed types in upload names, oversize bodies, open redirects, status
tokens and referrers, and the staff login lockout."""

from __future__ import annotations

import base64
import re
from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from core.models import ThrottleHit
from ideas import outbox
from ideas.models import Idea, IdeaAttachment, OutboxMessage
from tests.ideas_support import form_data, pdf
from tests.personas import PASSWORD, login
from tests.workspace_support import status_path

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("attachment_dir")]

PAYLOAD = '"><script>alert(1)</script><img src=x onerror=alert(2)><b>'
TEXT_FIELDS = ["title", "description", "offer", "hopes", "organisation_name", "contact_name"]


def submit(client: Client, **fields: Any) -> Idea:
    response = client.post("/en/ideas/", form_data(**fields))
    assert response.status_code == 302, response.content.decode()[:2000]
    return Idea.objects.latest("id")


def assert_escaped(html: str, where: str) -> None:
    assert "<script>alert(1)" not in html, where
    assert "<img src=x onerror" not in html, where
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html, where


def test_markup_in_every_field_is_shown_as_text_everywhere(client: Client, eddie: User) -> None:
    values = {name: f"{name} {PAYLOAD}" for name in TEXT_FIELDS}
    idea = submit(client, **values)
    for name in TEXT_FIELDS:
        assert getattr(idea, name) == values[name]  # stored as typed
    status = client.get(status_path(idea))
    assert status.status_code == 200
    assert_escaped(status.content.decode(), "status page")
    staff = Client()
    login(staff, eddie)
    for url in ["/en/staff/ideas/", f"/en/staff/ideas/{idea.pk}/"]:
        page = staff.get(url)
        assert page.status_code == 200, url
        assert_escaped(page.content.decode(), url)
    for message in OutboxMessage.objects.all():
        assert "<script>" not in message.html_body and "<img" not in message.html_body
        assert "\n" not in message.subject and "\r" not in message.subject
    team = OutboxMessage.objects.get(to="international@espoo.fi")
    assert f"title {PAYLOAD}" in team.body  # plain text shows the characters as typed
    assert "&lt;script&gt;" in team.html_body


def test_header_injection_in_the_title_stays_in_the_subject(client: Client) -> None:
    idea = submit(client, title="Idea\r\nBcc: victim@example.org")
    outbox.deliver_due()
    for message in OutboxMessage.objects.filter(subject__contains=idea.reference):
        assert "\n" not in message.subject and "\r" not in message.subject


@pytest.mark.parametrize(
    "text",
    [
        "'; DROP TABLE ideas_idea; --",
        "1' OR '1'='1",
        "Robert'); DELETE FROM auth_user WHERE ('1'='1",
        "%' UNION SELECT password FROM auth_user --",
    ],
)
def test_sql_looking_input_is_just_text(client: Client, eddie: User, text: str) -> None:
    users = User.objects.count()
    idea = submit(client, title=text[:200], description=text)
    assert Idea.objects.get(pk=idea.pk).description == text
    assert User.objects.count() == users
    for url in [f"/en/activities/?q={text}", f"/en/staff/ideas/?q={text}"]:
        client.force_login(eddie)
        assert client.get(url).status_code == 200, url


@pytest.mark.parametrize(
    "name",
    [
        "../../../../etc/passwd.pdf",
        "..\\..\\windows\\system32\\evil.pdf",
        "/tmp/x.pdf",  # noqa: S108
        "a\x00.pdf",
    ],
)
def test_upload_names_cannot_traverse_folders(
    client: Client, attachment_dir: Path, name: str
) -> None:
    idea = submit(client, attachments=[pdf(name)])
    stored = IdeaAttachment.objects.get(idea=idea)
    assert "/" not in stored.original_name and "\\" not in stored.original_name
    assert "\x00" not in stored.original_name
    assert re.fullmatch(r"[0-9a-f]{32}\.pdf", stored.stored_name)
    files = [p for p in attachment_dir.rglob("*") if p.is_file()]
    assert [p.parent for p in files] == [attachment_dir]


@pytest.mark.parametrize(
    ("name", "content", "content_type"),
    [
        ("invoice.pdf", b"MZ\x90\x00 an executable", "application/pdf"),
        ("page.pdf", b"<html><script>alert(1)</script></html>", "application/pdf"),
        ("plan.docx", b"PK\x03\x04 not really a zip", "application/vnd.openxmlformats"),
        ("script.pdf.exe", b"%PDF-1.7 but named .exe", "application/x-msdownload"),
    ],
)
def test_spoofed_types_are_refused_or_judged_by_content(
    client: Client, attachment_dir: Path, name: str, content: bytes, content_type: str
) -> None:
    before = Idea.objects.count()
    upload = SimpleUploadedFile(name, content, content_type=content_type)
    response = client.post("/en/ideas/", form_data(attachments=[upload]))
    if content.startswith(b"%PDF-"):  # a real PDF whatever its name: stored as .pdf
        assert response.status_code == 302
        assert IdeaAttachment.objects.get().stored_name.endswith(".pdf")
        return
    assert response.status_code == 200
    assert "is not a PDF, DOCX or ODT file" in response.content.decode()
    assert Idea.objects.count() == before
    assert not attachment_dir.exists() or not any(attachment_dir.iterdir())


def test_oversize_bodies_get_4xx_not_500(client: Client, settings: Any) -> None:
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 10_000
    big = form_data(description="x" * 20_000)
    response = client.post("/en/ideas/", big)
    assert response.status_code == 400
    settings.DATA_UPLOAD_MAX_NUMBER_FIELDS = 50
    many = {**form_data(), **{f"f{n}": "x" for n in range(200)}}
    assert client.post("/en/ideas/", many).status_code == 400
    huge_file = SimpleUploadedFile("big.pdf", b"%PDF-1.7\n" + b"0" * (10 * 1024 * 1024 + 1))
    response = client.post("/en/ideas/", form_data(attachments=[huge_file]))
    assert response.status_code == 200 and "is larger than" in response.content.decode()
    assert Idea.objects.count() == 0


EVIL = [
    "https://evil.example/",
    "//evil.example/",
    "/\\evil.example/",
    "https:evil.example",
    "javascript:alert(1)",
]


@pytest.mark.parametrize("target", EVIL)
def test_the_staff_login_never_redirects_off_site(client: Client, eddie: User, target: str) -> None:
    response = client.post(
        f"/en/staff/login/?next={target}", {"username": "eddie", "password": PASSWORD}
    )
    assert response.status_code == 302
    assert response["Location"] == "/en/staff/"


@pytest.mark.parametrize("target", EVIL)
def test_the_language_switch_never_redirects_off_site(client: Client, target: str) -> None:
    response = client.post("/i18n/setlang/", {"language": "sv", "next": target})
    assert response.status_code == 302
    location = response["Location"]
    assert location.startswith("/") and not location.startswith(("//", "/\\"))
    response = client.post("/i18n/setlang/", {"language": "sv"}, HTTP_REFERER=target)
    assert not response["Location"].startswith(("//", "http", "/\\", "javascript"))


@pytest.mark.parametrize(
    "path", ["//evil.example/", "/en//evil.example/", "/en/%2F%2Fevil.example/"]
)
def test_the_portal_language_links_stay_on_site(client: Client, path: str) -> None:
    page = client.get(path)
    links = re.findall(r'<a href="([^"]*)" lang="', page.content.decode())
    for link in links:
        assert link.startswith("/") and not link.startswith(("//", "/\\")), (path, link)


def test_status_tokens_are_long_random_and_not_leaked_by_referrers(client: Client) -> None:
    ideas = [submit(client, contact_email=f"p{n}@example.org") for n in range(3)]
    tokens = [status_path(idea).rstrip("/").rsplit("/", 1)[1] for idea in ideas]
    assert len(set(tokens)) == 3
    for token in tokens:
        raw = base64.urlsafe_b64decode(token + "=" * (-len(token) % 4))
        assert len(raw) * 8 >= 128
    response = client.get(status_path(ideas[0]))
    assert response["Referrer-Policy"] == "no-referrer"
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    assert "no-store" in response["Cache-Control"] or "private" in response["Cache-Control"]
    for token in tokens:  # never stored in the clear
        assert not Idea.objects.filter(status_token_hash=token).exists()
        assert token not in str(list(Idea.objects.values_list("submission_token", flat=True)))


def test_the_login_lockout_holds_even_with_the_right_password(
    client: Client, eddie: User, settings: Any
) -> None:
    settings.STAFF_LOCKOUT_ATTEMPTS = 3
    for _ in range(3):
        client.post("/en/staff/login/", {"username": "eddie", "password": "wrong"})
    assert ThrottleHit.objects.filter(scope="signin-account").count() == 3
    locked = client.post("/en/staff/login/", {"username": "eddie", "password": PASSWORD})
    assert locked.status_code == 200 and "Too many failed attempts" in locked.content.decode()
    assert "_auth_user_id" not in client.session
