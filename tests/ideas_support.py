"""Shared helpers for the tests of the idea intake (tests/test_ideas_*.py)."""

from __future__ import annotations

import io
import secrets
import time
import zipfile
from smtplib import SMTPServerDisconnected
from typing import Any

from django.core import signing
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.mail.backends.base import BaseEmailBackend

from ideas.forms import KEY_SALT

SCRIPT = '<script>alert("x")</script><b>bold</b>'


def form_key(age: int = 60, token: str | None = None) -> str:
    """A form key as the form hands it out, ``age`` seconds ago."""
    payload = {"token": token or secrets.token_urlsafe(24), "t": int(time.time()) - age}
    return signing.dumps(payload, salt=KEY_SALT)


# An idea as its proposer fills in the form (without the form's own fields).
IDEA_DATA: dict[str, Any] = {
    "title": "Smart lighting pilot in Espoo and Tartu",
    "description": "We would like to test adaptive street lighting together.",
    "offer": "Sensors, a research team and data analysis.",
    "hopes": "A test street and contacts to the city's street lighting unit.",
    "organisation_name": "Example University",
    "organisation_kind": "university",
    "organisation_country": "EE",
    "organisation_website": "https://example.org",
    "contact_name": "Mari Maasikas",
    "contact_email": "mari@example.org",
    "contact_phone": "+372 555 1234",
    "language": "en",
}


def form_data(**overrides: Any) -> dict[str, Any]:
    """The form as posted: the idea, consent, an empty honeypot and a fresh form key."""
    data = {**IDEA_DATA, "consent": "on", "homepage": "", "form_key": form_key()}
    data.update(overrides)
    return data


def pdf(name: str = "plan.pdf", size: int = 1000) -> SimpleUploadedFile:
    body = b"%PDF-1.7\n" + b"0" * max(size - 9, 0)
    return SimpleUploadedFile(name, body, content_type="application/pdf")


def zipped(name: str, entries: dict[str, bytes], content_type: str) -> SimpleUploadedFile:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for entry, content in entries.items():
            archive.writestr(entry, content)
    return SimpleUploadedFile(name, buffer.getvalue(), content_type=content_type)


def docx(name: str = "plan.docx") -> SimpleUploadedFile:
    return zipped(
        name,
        {"[Content_Types].xml": b"<Types/>", "word/document.xml": b"<w:document/>"},
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    )


def odt(name: str = "plan.odt") -> SimpleUploadedFile:
    return zipped(
        name,
        {"mimetype": b"application/vnd.oasis.opendocument.text", "content.xml": b"<x/>"},
        "application/vnd.oasis.opendocument.text",
    )


class FailingBackend(BaseEmailBackend):
    """An SMTP server that is down."""

    def send_messages(self, email_messages: Any) -> int:
        raise SMTPServerDisconnected("Connection unexpectedly closed")
