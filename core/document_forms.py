"""The document form of Wagtail's admin (WAGTAILDOCS_DOCUMENT_FORM_BASE), with our checks."""

from wagtail.documents.forms import BaseDocumentForm

from core.uploads import check_document_upload


class CheckedDocumentForm(BaseDocumentForm):
    def clean_file(self):
        uploaded = self.cleaned_data.get("file")
        if uploaded and hasattr(uploaded, "size") and hasattr(uploaded, "read"):
            check_document_upload(uploaded)
        return uploaded
