"""Attachments: the type is proven by the content, never by the name or the browser."""

from __future__ import annotations

import hashlib
import secrets
import zipfile
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.http import FileResponse, Http404

from ideas.models import IdeaAttachment

MAX_FILES = 3
MAX_BYTES = 10 * 1024 * 1024
ODT_MIMETYPE = b"application/vnd.oasis.opendocument.text"


def detect_kind(upload: UploadedFile) -> str | None:
    """``pdf``, ``docx`` or ``odt`` when the bytes prove it, else None."""
    upload.seek(0)
    head = upload.read(8)
    upload.seek(0)
    if head.startswith(b"%PDF-"):
        return "pdf"
    if not head.startswith(b"PK\x03\x04"):
        return None
    try:
        with zipfile.ZipFile(upload) as archive:
            names = set(archive.namelist())
            if "word/document.xml" in names and "[Content_Types].xml" in names:
                return "docx"
            if "mimetype" in names:
                with archive.open("mimetype") as entry:
                    if entry.read(len(ODT_MIMETYPE) + 1).strip() == ODT_MIMETYPE:
                        return "odt"
    except (zipfile.BadZipFile, OSError, ValueError, RuntimeError):
        return None
    finally:
        upload.seek(0)
    return None


# What a verified kind is served as: its media type and extension, whatever the file was called.
SERVED_AS = {
    "pdf": ("application/pdf", ".pdf"),
    "docx": (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        ".docx",
    ),
    "odt": ("application/vnd.oasis.opendocument.text", ".odt"),
}


def served_as(original_name: str, kind: str) -> tuple[str, str]:
    """The media type and download name of a stored file of verified ``kind``.

    The name keeps the proposer's stem but always ends with the verified extension, so
    ``evil.html`` checked as a PDF downloads as ``evil.html.pdf`` of type application/pdf.
    Unknown kinds (never stored) would go out as opaque bytes.
    """
    media_type, extension = SERVED_AS.get(kind, ("application/octet-stream", ".bin"))
    name = clean_name(original_name)
    if not name.lower().endswith(extension):
        name = f"{name}{extension}"
    return media_type, name


def download(attachment: Any) -> FileResponse:
    """The one way staff download an attachment (workspace and Django admin): audited,
    served as its verified kind, never rendered by the browser."""
    from audit import personal

    path = attachment_path(attachment.stored_name)
    if not path.exists():
        raise Http404
    personal.read(attachment)
    media_type, name = served_as(attachment.original_name, attachment.kind)
    response = FileResponse(open(path, "rb"), as_attachment=True, filename=name)  # noqa: SIM115
    response["Content-Type"] = media_type
    response["X-Content-Type-Options"] = "nosniff"
    return response


def clean_name(name: str) -> str:
    """The file's own name, without any folder part, for showing to staff."""
    base = name.replace("\\", "/").rsplit("/", 1)[-1].strip().replace("\x00", "")
    return base[-255:] or "attachment"


@dataclass(frozen=True)
class StoredFile:
    original_name: str
    stored_name: str
    kind: str
    size: int
    sha256: str

    @property
    def path(self) -> Path:
        return attachment_path(self.stored_name)


def attachment_path(stored_name: str) -> Path:
    return Path(settings.IDEAS_ATTACHMENT_DIR) / stored_name


def store(upload: UploadedFile, kind: str) -> StoredFile:
    """Write the upload under a random name; the caller removes it if the idea is not saved."""
    folder = Path(settings.IDEAS_ATTACHMENT_DIR)
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    stored_name = f"{secrets.token_hex(16)}.{kind}"
    digest = hashlib.sha256()
    size = 0
    upload.seek(0)
    with open(folder / stored_name, "xb") as out:
        for chunk in upload.chunks():
            digest.update(chunk)
            size += len(chunk)
            out.write(chunk)
    return StoredFile(clean_name(upload.name or ""), stored_name, kind, size, digest.hexdigest())


def record(files: list[StoredFile], **owner: Any) -> None:
    """Note ``files``, stored already, as attachments of ``owner``: ``idea=``, and ``reply=``
    for a file sent with a proposer's reply."""
    for file in files:
        IdeaAttachment.objects.create(**owner, **asdict(file))


def discard(files: list[StoredFile]) -> None:
    for stored in files:
        stored.path.unlink(missing_ok=True)


def remove_file_on_delete(sender: type, instance: Any, **kwargs: Any) -> None:
    """A deleted attachment row takes its file with it, once the deletion is committed."""
    path = attachment_path(instance.stored_name)
    transaction.on_commit(lambda: path.unlink(missing_ok=True))
