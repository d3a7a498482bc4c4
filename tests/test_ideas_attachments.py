"""Attachments: PDF, DOCX or ODT proven by content, stored privately, never half-written."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from audit.models import AuditEvent
from ideas import uploads
from ideas.models import Idea, IdeaAttachment, ReferenceCounter
from tests.ideas_support import docx, form_data, odt, pdf, zipped
from tests.personas import login

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("attachment_dir")]
URL = "/en/ideas/"


def stored_files(folder: Path) -> list[Path]:
    return sorted(folder.glob("*")) if folder.exists() else []


def errors_of(response: Any) -> list[str]:
    return response.context["form"].errors.get("attachments", [])


def test_pdf_docx_and_odt_are_stored_under_random_names(
    client: Client, attachment_dir: Path
) -> None:
    files = [pdf("Plan 2026.pdf"), docx("../../etc/passwd.docx"), odt("budget.odt")]
    response = client.post(URL, {**form_data(), "attachments": files})
    assert response.status_code == 302
    idea = Idea.objects.get()
    stored = list(idea.attachments.all())
    assert [(a.original_name, a.kind) for a in stored] == [
        ("Plan 2026.pdf", "pdf"),
        ("passwd.docx", "docx"),
        ("budget.odt", "odt"),
    ]
    on_disk = stored_files(attachment_dir)
    assert len(on_disk) == 3
    for attachment in stored:
        assert len(attachment.stored_name.split(".")[0]) == 32  # 128 random bits
        assert attachment.original_name not in attachment.stored_name
        assert uploads.attachment_path(attachment.stored_name).stat().st_size == attachment.size


def test_a_renamed_exe_posing_as_a_pdf_is_refused(client: Client, attachment_dir: Path) -> None:
    exe = SimpleUploadedFile("plan.pdf", b"MZ\x90\x00" + b"\x00" * 500, "application/pdf")
    response = client.post(URL, {**form_data(), "attachments": [exe]})
    assert errors_of(response) == ["“plan.pdf” is not a PDF, DOCX or ODT file."]
    assert not Idea.objects.exists()
    assert stored_files(attachment_dir) == []


@pytest.mark.parametrize(
    "upload",
    [
        zipped("sheet.odt", {"mimetype": b"application/vnd.oasis.opendocument.spreadsheet"}, ""),
        zipped("random.docx", {"readme.txt": b"hello"}, ""),
        SimpleUploadedFile("broken.docx", b"PK\x03\x04 not really a zip", ""),
        SimpleUploadedFile("page.pdf", b"<html><script>alert(1)</script>", "application/pdf"),
    ],
    ids=["ods-as-odt", "plain-zip", "broken-zip", "html"],
)
def test_other_content_is_refused(client: Client, upload: SimpleUploadedFile) -> None:
    response = client.post(URL, {**form_data(), "attachments": [upload]})
    [message] = errors_of(response)
    assert message.endswith("is not a PDF, DOCX or ODT file.")
    assert not Idea.objects.exists()


def test_an_oversize_file_is_refused(client: Client, attachment_dir: Path) -> None:
    big = pdf("huge.pdf", size=uploads.MAX_BYTES + 1)
    response = client.post(URL, {**form_data(), "attachments": [pdf(), big]})
    assert errors_of(response) == ["“huge.pdf” is larger than 10.0\xa0MB."]
    assert not Idea.objects.exists()
    assert stored_files(attachment_dir) == []


def test_too_many_files_are_refused(client: Client) -> None:
    files = [pdf(f"{n}.pdf") for n in range(4)]
    response = client.post(URL, {**form_data(), "attachments": files})
    assert errors_of(response) == ["You can attach at most 3 files."]
    assert not Idea.objects.exists()


def test_markup_in_a_file_name_is_shown_as_text(client: Client) -> None:
    upload = SimpleUploadedFile("<img src=x onerror=alert(1)>.pdf", b"MZ", "application/pdf")
    html = client.post(URL, {**form_data(), "attachments": [upload]}).content.decode()
    assert "<img src=x" not in html
    assert "&lt;img src=x onerror=alert(1)&gt;.pdf" in html


def test_a_failure_while_saving_leaves_no_file_and_no_row(
    client: Client, attachment_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("database went away")

    monkeypatch.setattr("ideas.actions.outbox.enqueue", broken)
    with pytest.raises(RuntimeError):
        client.post(URL, {**form_data(), "attachments": [pdf(), docx()]})
    assert not Idea.objects.exists()
    assert not IdeaAttachment.objects.exists()
    assert not ReferenceCounter.objects.exists()
    assert stored_files(attachment_dir) == []


def test_attachments_are_not_served_publicly(client: Client) -> None:
    client.post(URL, {**form_data(), "attachments": [pdf()]})
    name = IdeaAttachment.objects.get().stored_name
    for url in [f"/static/{name}", f"/media/{name}", f"/attachments/{name}", f"/en/{name}"]:
        assert client.get(url).status_code == 404, url


def test_staff_download_is_audited_and_outsiders_are_refused(
    client: Client, sune: User, ulla: User
) -> None:
    client.post(URL, {**form_data(), "attachments": [pdf("plan.pdf")]})
    attachment = IdeaAttachment.objects.get()
    url = f"/en/admin/ideas/idea/{attachment.idea_id}/attachment/{attachment.pk}/"
    assert client.get(url).status_code == 302  # anonymous: to the login page
    login(client, ulla)
    assert client.get(url).status_code == 302
    login(client, sune)
    response = client.get(url)
    assert response.status_code == 200
    assert 'attachment; filename="plan.pdf"' in response["Content-Disposition"]
    assert b"".join(response.streaming_content).startswith(b"%PDF-")
    event = AuditEvent.objects.filter(model="ideas.ideaattachment", action="view").get()
    assert event.actor == sune


def test_deleting_an_idea_removes_its_files_on_commit(
    client: Client, attachment_dir: Path, django_capture_on_commit_callbacks: Any
) -> None:
    client.post(URL, {**form_data(), "attachments": [pdf()]})
    assert len(stored_files(attachment_dir)) == 1
    with django_capture_on_commit_callbacks(execute=True):
        Idea.objects.get().delete()
        assert len(stored_files(attachment_dir)) == 1  # not before the commit
    assert stored_files(attachment_dir) == []


def test_a_stored_file_is_recorded_with_its_size_kind_and_digest(client: Client) -> None:
    import hashlib

    upload = pdf("Budget.pdf")
    content = upload.read()
    client.post(URL, {**form_data(), "attachments": [pdf("Budget.pdf")]})
    attachment = IdeaAttachment.objects.get()
    assert attachment.reply is None
    assert (attachment.original_name, attachment.kind) == ("Budget.pdf", "pdf")
    assert (attachment.size, attachment.sha256) == (
        len(content),
        hashlib.sha256(content).hexdigest(),
    )
