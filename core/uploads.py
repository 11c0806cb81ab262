"""Uploads: checks for documents (a size limit and a look at the first bytes, so that a
program renamed to .pdf is refused with a clear Swedish message), and the one private store
for files that must not be public, among them uploads waiting for a confirmation."""

import datetime
import re
import secrets
from contextlib import contextmanager
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import File
from django.core.files.storage import FileSystemStorage
from django.template.defaultfilters import filesizeformat
from django.utils import timezone
from django.utils.translation import gettext as _

# Office Open XML and OpenDocument files are zip archives.
ZIP_SIGNATURE = b"PK\x03\x04"
SIGNATURES = {
    "pdf": (b"%PDF-",),
    "docx": (ZIP_SIGNATURE,),
    "xlsx": (ZIP_SIGNATURE,),
    "pptx": (ZIP_SIGNATURE,),
    "odt": (ZIP_SIGNATURE,),
    "ods": (ZIP_SIGNATURE,),
}
TEXT_EXTENSIONS = {"txt", "csv"}
TOKEN = re.compile(r"^[0-9a-f]{32}$")
# Executables and script containers that must never pass as text or documents.
FORBIDDEN_STARTS = (b"MZ", b"\x7fELF", b"#!", b"<script", b"<html", b"<!doctype", b"<svg")


def check_document_upload(uploaded_file):
    """Raises ValidationError when the file is too large or is not what its name says."""
    limit = settings.DOCUMENT_MAX_UPLOAD_SIZE
    if uploaded_file.size > limit:
        raise ValidationError(
            _("The file is %(size)s; documents may be at most %(limit)s.")
            % {"size": filesizeformat(uploaded_file.size), "limit": filesizeformat(limit)}
        )
    extension = uploaded_file.name.rsplit(".", 1)[-1].lower() if "." in uploaded_file.name else ""
    position = uploaded_file.tell()
    uploaded_file.seek(0)
    head = uploaded_file.read(512)
    uploaded_file.seek(position)
    if extension in SIGNATURES and not head.startswith(SIGNATURES[extension]):
        raise ValidationError(
            _("The file is named .%(extension)s but its content is not a %(kind)s file.")
            % {"extension": extension, "kind": extension.upper()}
        )
    if extension in TEXT_EXTENSIONS:
        lowered = head.lstrip().lower()
        if b"\x00" in head or lowered.startswith(FORBIDDEN_STARTS):
            raise ValidationError(
                _("The file is named .%(extension)s but does not contain plain text.")
                % {"extension": extension}
            )


class PrivateStorage(FileSystemStorage):
    """Uploads that must never be served (ledgers with salary rows, activity plans, WordPress
    exports with commenters' addresses): kept in PRIVATE_UPLOAD_ROOT, outside the public
    media folder, and never given a URL."""

    @property
    def base_location(self):
        return settings.PRIVATE_UPLOAD_ROOT

    @property
    def location(self):
        return str(Path(self.base_location).resolve())

    def url(self, name):
        raise ValueError("Private uploads are not served.")


class PendingUploadGone(Exception):
    """The upload is not this session's, or it was confirmed, abandoned or removed."""


class PendingUploads:
    """Files uploaded for a preview, waiting for the uploader to confirm: stored privately
    under a random token that only the uploader's session knows, with the details the
    confirmation needs (the original file name, the project…). An upload nobody confirmed
    expires after an hour: it can no longer be confirmed, and its file is removed when it is
    asked for or when the next upload of any kind arrives."""

    lifetime = datetime.timedelta(hours=1)

    def __init__(self, request, kind):
        self.session = request.session
        self.kind = kind
        self.session_key = f"pending_uploads:{kind}"
        self.storage = PrivateStorage()

    def keep(self, uploaded, **details):
        """Stores the file; returns its token."""
        self._remove_abandoned()
        token = secrets.token_hex(16)
        uploaded.seek(0)
        self.storage.save(self._path(token), File(uploaded))
        pending = self.session.get(self.session_key, {})
        pending[token] = {"name": uploaded.name[:255], **details}
        self.session[self.session_key] = pending
        return token

    def details(self, token):
        """What was kept with the file: its original `name` and the caller's details."""
        details = self.session.get(self.session_key, {}).get(str(token))
        path = self._path(token)
        if details is None or not self.storage.exists(path):
            raise PendingUploadGone(token)
        if self._expired(path):
            self.forget(token)
            raise PendingUploadGone(token)
        return details

    @contextmanager
    def open(self, token):
        self.details(token)
        with self.storage.open(self._path(token), "rb") as file_obj:
            yield file_obj

    def forget(self, token):
        pending = self.session.get(self.session_key, {})
        if pending.pop(str(token), None) is not None:
            self.storage.delete(self._path(token))
            self.session[self.session_key] = pending

    def _path(self, token):
        token = str(token)
        if not TOKEN.match(token):
            raise PendingUploadGone(token)
        return f"pending/{self.kind}/{token}"

    def _expired(self, path):
        return self.storage.get_modified_time(path) < timezone.now() - self.lifetime

    def _remove_abandoned(self):
        """Removes the expired uploads of every kind, not only this one's."""
        try:
            kinds, _files = self.storage.listdir("pending")
        except FileNotFoundError:
            return
        for kind in kinds:
            folder = f"pending/{kind}"
            for name in self.storage.listdir(folder)[1]:
                path = f"{folder}/{name}"
                if TOKEN.match(name) and self._expired(path):
                    self.storage.delete(path)
