"""Checks on uploaded agreement documents: PDF or DOCX by content, size-limited."""

from __future__ import annotations

import io
import zipfile
from pathlib import PurePath
from typing import IO

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

MAX_BYTES = 10 * 1024 * 1024
CONTENT_TYPES = {
    ".pdf": "application/pdf",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}


def sniff(head: bytes, stream: IO[bytes]) -> str | None:
    """The real type of the file (".pdf" or ".docx"), whatever its name says."""
    if head.startswith(b"%PDF-"):
        return ".pdf"
    if head.startswith(b"PK\x03\x04"):
        stream.seek(0)
        try:
            with zipfile.ZipFile(stream) as archive:
                names = set(archive.namelist())
        except (zipfile.BadZipFile, OSError):
            return None
        if "[Content_Types].xml" in names and "word/document.xml" in names:
            return ".docx"
    return None


def check_document(upload) -> None:
    """Raise ValidationError unless the upload is a PDF or DOCX within the limit."""
    if upload.size > MAX_BYTES:
        raise ValidationError(
            _("The document is larger than %(limit)s MB.")
            % {"limit": MAX_BYTES // 2**20}
        )
    suffix = PurePath(upload.name).suffix.lower()
    upload.seek(0)
    content = upload.read()
    upload.seek(0)
    kind = sniff(content[:8], io.BytesIO(content))
    if kind is None or kind != suffix:
        raise ValidationError(_("Upload the agreement as a PDF or DOCX file."))
