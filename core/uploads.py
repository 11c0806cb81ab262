"""Upload checks for documents: a size limit and a look at the first bytes, so that a
program renamed to .pdf is refused with a clear Swedish message."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

from wagtail.documents.forms import BaseDocumentForm

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


class CheckedDocumentForm(BaseDocumentForm):
    def clean_file(self):
        uploaded = self.cleaned_data.get("file")
        if uploaded and hasattr(uploaded, "size") and hasattr(uploaded, "read"):
            check_document_upload(uploaded)
        return uploaded
